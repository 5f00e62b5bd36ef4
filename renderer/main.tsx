import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { OtklikDatabase } from './db/database';
import { DbProvider } from './db/context';
import { initI18n } from './i18n';
import { rememberedLanguage } from './i18n/language';
import { registerOfflineShell } from './platform/offlineShell';
import { startSync } from './sync/start';
import './styles.css';

async function start() {
  await initI18n(rememberedLanguage());
  const db = new OtklikDatabase();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary>
        <DbProvider db={db}>
          <App />
        </DbProvider>
      </ErrorBoundary>
    </StrictMode>,
  );
}

void start();
registerOfflineShell();
startSync();

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

const SYNC_START_DELAY_MS = 1_500;

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
// The sync worker (its own large script, its own reads) starts once the first screen has had the CPU: on two
// cores it otherwise delays the first list rows by a third (bench: open the app). Its first cycle runs at once
// when it starts; nothing waits for it before then (every write is in the outbox).
window.setTimeout(startSync, SYNC_START_DELAY_MS);

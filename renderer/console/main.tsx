import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n';
import { rememberedLanguage } from '../i18n/language';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { ConsoleApi } from './api/client';
import { ConsoleApp } from './ConsoleApp';

/** The HQ console (issue 14): served by HQ at /console/, talks to the console API of the same origin. */
async function start() {
  await initI18n(rememberedLanguage());
  const api = new ConsoleApi();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary textKey="fatal.textHq">
        <ConsoleApp api={api} />
      </ErrorBoundary>
    </StrictMode>,
  );
}

void start();

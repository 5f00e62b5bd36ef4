import type { WebContents } from 'electron';
import { isAppUrl, type AppOrigins } from './app-origin';
import type { Log } from './log';

/**
 * A link or a redirect must never replace the app with a foreign page, and no page may open
 * windows or embed <webview>. Links to the web and mail links go to the user's own browser/mail client.
 */

/** http(s) with a host and no credentials, or mailto: with an address. */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  return parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

export function isAllowedNavigation(url: string, origins: AppOrigins): boolean {
  return isAppUrl(url, origins);
}

export interface NavigationGuardOptions {
  origins: AppOrigins;
  openExternal: (url: string) => Promise<void>;
  log: Log;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardWebContents(contents: GuardedContents, options: NavigationGuardOptions): void {
  const { origins, openExternal, log } = options;

  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      openExternal(url).catch((error: unknown) => log.warn('openExternal failed', { url, error }));
    } else {
      log.warn('Blocked window.open', { url });
    }
    return { action: 'deny' };
  });

  const blockForeign = (kind: string) => (event: { preventDefault(): void }, url: string) => {
    if (isAllowedNavigation(url, origins)) return;
    event.preventDefault();
    log.warn(`Blocked ${kind}`, { url });
  };
  contents.on('will-navigate', blockForeign('navigation'));
  contents.on('will-redirect', blockForeign('redirect'));

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('Blocked <webview>');
  });
}

/**
 * Where the app's own page comes from. Everything else (navigation, IPC senders, permissions) is
 * judged against this list of origins.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'otklik';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export type AppOrigins = readonly string[];

export interface AppLocation {
  readonly entryUrl: string;
  readonly origins: AppOrigins;
}

const ORIGIN_SCHEMES = new Set([`${APP_SCHEME}:`, 'http:', 'https:']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * `scheme://host[:port]` of a URL, or null when it has none we trust. Computed by hand because
 * WHATWG `URL#origin` is "null" for non-special schemes such as app:. URLs with credentials never match.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!ORIGIN_SCHEMES.has(parsed.protocol) || parsed.host === '') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

export function isAppUrl(url: string, origins: AppOrigins): boolean {
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}

/**
 * Production: the app:// page only. Development (not packaged, OTKLIK_RENDERER_URL set): the Vite
 * dev server on a loopback address is loaded and trusted as well — never in a packaged app.
 */
export function resolveAppLocation(options: {
  isPackaged: boolean;
  rendererUrl: string | undefined;
}): AppLocation {
  if (options.isPackaged || !options.rendererUrl) {
    return { entryUrl: APP_ENTRY_URL, origins: [APP_ORIGIN] };
  }
  const devOrigin = originOf(options.rendererUrl);
  const host = devOrigin === null ? '' : new URL(options.rendererUrl).hostname;
  if (devOrigin === null || devOrigin.startsWith(`${APP_SCHEME}:`) || !LOOPBACK_HOSTS.has(host)) {
    throw new Error(
      `OTKLIK_RENDERER_URL must be an http(s) URL on a loopback address, got "${options.rendererUrl}"`,
    );
  }
  return { entryUrl: options.rendererUrl, origins: [APP_ORIGIN, devOrigin] };
}

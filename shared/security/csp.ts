/**
 * The Content-Security-Policy of the app page. Pure, so that the code which learns the HQ address
 * (at enrolment) can rebuild it; the protocol handler asks for the current value on every response.
 */
export interface CspOptions {
  /**
   * The HQ server the renderer syncs with, e.g. "https://hq.example.com"; only its origin is used. Several
   * only where a page is served for more than one HQ (the end-to-end tests run two side by side).
   */
  hqOrigin?: string | readonly string[];
}

export function normaliseHqOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`HQ origin is not a URL: "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`HQ origin must be http(s), got "${url.protocol}"`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error('HQ origin must not carry credentials');
  }
  return url.origin;
}

export function buildContentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'"];
  const hq = options.hqOrigin === undefined ? [] : [options.hqOrigin].flat();
  for (const origin of hq) connect.push(normaliseHqOrigin(origin));
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'blob:', 'data:'],
    'media-src': ["'self'", 'blob:', 'mediastream:'],
    'connect-src': connect,
    'worker-src': ["'self'"],
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

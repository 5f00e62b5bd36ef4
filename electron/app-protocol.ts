import { readFile as fsReadFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { APP_ORIGIN, APP_SCHEME } from './app-origin';

/**
 * Serves the built renderer from app://otklik/ instead of file://, so the page has a real origin
 * (IndexedDB, fetch, CSP 'self') and can reach nothing on disk outside the renderer folder.
 */

/** Must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

export type AppRequestTarget =
  | { readonly kind: 'file'; readonly filePath: string }
  | { readonly kind: 'index'; readonly filePath: string }
  | { readonly kind: 'reject'; readonly reason: string };

const PREFIX = `${APP_ORIGIN}/`;
/** NUL and other control characters, DEL, and the Windows separator. */
function hasForbiddenCharacter(value: string, extra = ''): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || char === '\\' || extra.includes(char)) return true;
  }
  return false;
}

const FORBIDDEN_ENCODED = /%(?:00|2f|5c)/i;
const HAS_EXTENSION = /\.[A-Za-z0-9]+$/;

function reject(reason: string): AppRequestTarget {
  return { kind: 'reject', reason };
}

/**
 * Maps an app:// URL to a file under `rootDir`. The URL is checked as received (percent-encoded), then
 * segment by segment after decoding, then the joined path is checked to lie inside the root.
 * A path whose last segment has no extension is a client-side route and gets index.html.
 */
export function resolveAppRequest(url: string, rootDir: string): AppRequestTarget {
  if (hasForbiddenCharacter(url)) return reject('control character or backslash');
  if (!url.startsWith(PREFIX)) return reject('not the app origin');
  const rawPath = url.slice(PREFIX.length - 1).split(/[?#]/, 1)[0] ?? '/';
  if (FORBIDDEN_ENCODED.test(rawPath)) return reject('encoded separator or NUL');

  const root = path.resolve(rootDir);
  const index: AppRequestTarget = { kind: 'index', filePath: path.join(root, 'index.html') };
  const rawSegments = rawPath.slice(1).split('/');
  const segments: string[] = [];
  for (const [i, raw] of rawSegments.entries()) {
    const last = i === rawSegments.length - 1;
    if (raw === '') {
      if (last) break; // "/" or a trailing slash: a route
      return reject('empty path segment');
    }
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return reject('malformed percent-encoding');
    }
    if (segment === '.' || segment === '..') return reject('dot segment');
    if (hasForbiddenCharacter(segment, '/:')) return reject('forbidden character in segment');
    segments.push(segment);
  }

  const name = segments.at(-1);
  if (name === undefined || rawPath.endsWith('/') || !HAS_EXTENSION.test(name)) return index;
  const filePath = path.join(root, ...segments);
  const relative = path.relative(root, filePath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return reject('outside the renderer folder');
  }
  return { kind: 'file', filePath };
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export interface AppProtocolOptions {
  rootDir: string;
  /** Asked on every response, so a newly configured HQ origin takes effect on the next load. */
  contentSecurityPolicy: () => string;
  readFile?: (filePath: string) => Promise<Uint8Array<ArrayBuffer>>;
  onReject?: (url: string, reason: string) => void;
  /** Pages made in memory (issue 16: documents being printed), looked up by exact URL before any file. */
  generatedPage?: (url: string) => string | undefined;
}

/**
 * The handler for `protocol.handle(APP_SCHEME, …)`. It reads files itself rather than returning
 * `net.fetch(pathToFileURL(…))`: a fetched Response has immutable headers (the CSP would need a copy of
 * the response), and file:// is kept unprivileged by the fuses. Electron's fs reads inside app.asar.
 */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  // fs.readFile's Buffer is backed by a plain ArrayBuffer, as Response requires; its type just does not say so.
  const readFile =
    options.readFile ?? ((filePath: string) => fsReadFile(filePath) as Promise<Uint8Array<ArrayBuffer>>);
  const respond = (
    status: number,
    body: Uint8Array<ArrayBuffer> | string | null,
    contentType: string,
  ): Response =>
    new Response(body, {
      status,
      headers: {
        'Content-Type': contentType,
        'Content-Security-Policy': options.contentSecurityPolicy(),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  const text = 'text/plain; charset=utf-8';

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, null, text);
    const page = options.generatedPage?.(request.url);
    if (page !== undefined)
      return respond(200, request.method === 'HEAD' ? null : page, 'text/html; charset=utf-8');
    const target = resolveAppRequest(request.url, options.rootDir);
    if (target.kind === 'reject') {
      options.onReject?.(request.url, target.reason);
      return respond(403, 'Forbidden', text);
    }
    try {
      const body = await readFile(target.filePath);
      return respond(200, request.method === 'HEAD' ? null : body, mimeTypeFor(target.filePath));
    } catch {
      return respond(404, 'Not found', text);
    }
  };
}

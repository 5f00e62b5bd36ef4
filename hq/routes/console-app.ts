import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { HqError } from '../errors';

/**
 * The HQ console's page (issue 14): the built app (vite.console.config.ts → dist/console) served at /console/,
 * the same origin as the console API, so its session cookie works without CORS. Every address under
 * /console/ that is not a file is the app itself (its routes live in the URL's #hash). The page gets a strict
 * content security policy: its own scripts, styles and API only — no inline script, no other origin, no frame.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PREFIX = '/console/';

function secure(reply: FastifyReply): void {
  reply
    .header('Content-Security-Policy', CONSOLE_CSP)
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Frame-Options', 'DENY')
    .header('Referrer-Policy', 'no-referrer')
    .header('Cross-Origin-Opener-Policy', 'same-origin')
    .header('Cross-Origin-Resource-Policy', 'same-origin');
}

/** `root`: the built console (dist/console); HQ still starts without it and says how to build it. */
export async function consoleAppRoutes(app: FastifyInstance, options: { root?: string }) {
  app.get('/console', (_request, reply) => reply.redirect(PREFIX, 301));
  const root = options.root;
  if (!root || !existsSync(join(root, 'index.html'))) {
    app.get(`${PREFIX}*`, async () => {
      throw new HqError(
        503,
        'unavailable',
        'The HQ console is not built on this server: run `npm run build` (or `npm run hq`, which builds it when missing).',
      );
    });
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: PREFIX,
    // One route per built file, read at start (the build does not change under a running HQ); the catch-all
    // below answers everything else.
    wildcard: false,
    // A list, not a string: once it has picked a compressed copy for a directory's address (every browser
    // accepts one), @fastify/static looks for the index only in a list — with a string, /console/ was a 404.
    index: ['index.html'],
    // The build writes .br and .gz copies (vite.console.config.ts); browsers that accept them get those.
    preCompressed: true,
    redirect: false,
    dotfiles: 'deny',
    setHeaders: (reply, path) => {
      secure(reply);
      // Built assets carry a content hash in their names; the page itself must be asked for every time.
      reply.header(
        'Cache-Control',
        path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
      );
    },
  });
  app.get(`${PREFIX}*`, (request, reply) => {
    const last = request.url.split('?')[0]!.split('/').pop() ?? '';
    // A missing script or image is a 404, not the page (with nosniff the browser would refuse it anyway).
    if (last.includes('.'))
      throw new HqError(404, 'not_found', `No such address: ${request.method} ${request.url}`);
    secure(reply);
    reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('index.html');
  });
}

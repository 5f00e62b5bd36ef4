import fp from 'fastify-plugin';
import { HQ_PATHS } from '../../shared/sync/protocol';
import type { DevicePrincipal } from '../auth';
import { routedPath } from './paths';

declare module 'fastify' {
  interface FastifyRequest {
    /** The enrolled device, authenticated in onRequest (before the body is read). */
    hqDevice?: DevicePrincipal;
  }
}

/** Every `/v1/` address but enrollment and the console's (issue 14: people, console-auth.ts) belongs to an enrolled device. */
export function needsDevice(path: string): boolean {
  return path.startsWith('/v1/') && path !== HQ_PATHS.enroll && !path.startsWith('/v1/console/');
}

/**
 * Issue 13: a request that needs a device is authenticated when it arrives, before its body is read — a
 * 12 MiB body without a token used to be received and parsed first. What is found is kept on the request
 * (`app.device(request)` returns it), so routes stay as they are.
 */
export const deviceAuthentication = fp(
  async (app) => {
    app.decorateRequest('hqDevice', undefined);
    app.addHook('onRequest', async (request) => {
      if (needsDevice(routedPath(request)))
        request.hqDevice = await app.deviceAuth.authenticate(request.headers.authorization);
    });
  },
  { name: 'otklik-device-authentication' },
);

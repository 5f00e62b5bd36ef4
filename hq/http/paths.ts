import type { FastifyRequest } from 'fastify';

/**
 * The path a request is routed by, for the hooks that decide before the body is read who must authenticate
 * (issue 13, issue 14). The router decodes percent-encoding (`/v1/%63onsole/…` reaches a console route), so
 * a check of the raw URL could be stepped around: the matched route's own pattern is used, and for an
 * address no route has, the decoded path.
 */
export function routedPath(request: Pick<FastifyRequest, 'routeOptions' | 'url'>): string {
  const route = request.routeOptions.url;
  if (route) return route;
  const raw = request.url.split('?')[0]!;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

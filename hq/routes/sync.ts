import type { FastifyInstance } from 'fastify';
import {
  HQ_PATHS,
  pullQuerySchema,
  pushRequestSchema,
  type PullResponse,
  type PushResponse,
} from '../../shared/sync/protocol';
import { pullChanges } from '../sync/pull';
import { applyPush } from '../sync/push';

export async function syncRoutes(app: FastifyInstance) {
  app.post(HQ_PATHS.push, async (request): Promise<PushResponse> => {
    const device = await app.device(request);
    const body = app.parse(pushRequestSchema, request.body);
    const results = await applyPush(app.hq.db.pool, device, body.ops, app.hq.faults);
    app.hq.onMailWork?.();
    return { results };
  });

  app.get(HQ_PATHS.pull, async (request): Promise<PullResponse> => {
    const device = await app.device(request);
    const query = app.parse(pullQuerySchema, request.query);
    return pullChanges(app.hq.db.pool, device, query.cursor, query.limit, app.hq.statusPageUrl);
  });
}

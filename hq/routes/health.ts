import type { FastifyInstance } from 'fastify';
import type { Health } from '../../shared/sync/protocol';
import { serverVersion } from '../db/database';

export async function healthRoutes(app: FastifyInstance) {
  app.get('/health', async (): Promise<Health> => {
    return { status: 'ok', database: { kind: app.hq.db.kind, version: await serverVersion(app.hq.db.pool) } };
  });
}

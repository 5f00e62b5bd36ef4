import type { FastifyInstance } from 'fastify';
import type { Health } from '../../shared/sync/protocol';

export async function healthRoutes(app: FastifyInstance) {
  app.get('/health', async (): Promise<Health> => {
    const { rows } = await app.hq.db.pool.query<{ server_version: string }>('SHOW server_version');
    return { status: 'ok', database: { kind: app.hq.db.kind, version: rows[0]!.server_version } };
  });
}

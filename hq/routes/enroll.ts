import type { FastifyInstance } from 'fastify';
import { enrollRequestSchema, HQ_PATHS, type EnrollResponse } from '../../shared/sync/protocol';
import { enrollDevice } from '../branches';

export async function enrollRoutes(app: FastifyInstance) {
  app.post(HQ_PATHS.enroll, async (request): Promise<EnrollResponse> => {
    const body = app.parse(enrollRequestSchema, request.body);
    return enrollDevice(app.hq.db.pool, body);
  });
}

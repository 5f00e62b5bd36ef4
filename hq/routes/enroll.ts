import type { FastifyInstance } from 'fastify';
import { enrollRequestSchema, HQ_PATHS, type EnrollResponse } from '../../shared/sync/protocol';
import { enrollDevice } from '../branches/enrollment';

export async function enrollRoutes(app: FastifyInstance) {
  // Issue 13: every enrollment creates a new device (no other device's token changes, so no cache to drop).
  app.post(HQ_PATHS.enroll, async (request): Promise<EnrollResponse> => {
    const body = app.parse(enrollRequestSchema, request.body);
    return enrollDevice(app.hq.db.pool, body);
  });
}

import type { FastifyInstance } from 'fastify';
import { enrollRequestSchema, HQ_PATHS, type EnrollResponse } from '../../shared/sync/protocol';
import { recordAudit } from '../audit/log';
import { enrollDevice } from '../branches/enrollment';

export async function enrollRoutes(app: FastifyInstance) {
  // Issue 13: every enrollment creates a new device (no other device's token changes, so no cache to drop).
  app.post(HQ_PATHS.enroll, async (request): Promise<EnrollResponse> => {
    const body = app.parse(enrollRequestSchema, request.body);
    const answer = await enrollDevice(app.hq.db.pool, body);
    // R24: who joined which branch, from where (the device's own id; the code is never recorded).
    await recordAudit(
      app.hq.db.pool,
      {
        actor: { kind: 'device', id: answer.deviceId, name: `workstation of ${answer.branch.code}` },
        ip: request.ip,
      },
      'device.enroll',
      `device:${answer.deviceId}`,
      { after: { branch: answer.branch.code } },
    );
    return answer;
  });
}

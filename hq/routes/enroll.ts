import type { FastifyInstance } from 'fastify';
import { enrollRequestSchema, HQ_PATHS, type EnrollResponse } from '../../shared/sync/protocol';
import { recordAudit } from '../audit/log';
import { enrollDevice } from '../branches/enrollment';

export async function enrollRoutes(app: FastifyInstance) {
  app.post(HQ_PATHS.enroll, async (request): Promise<EnrollResponse> => {
    const body = app.parse(enrollRequestSchema, request.body);
    const answer = await enrollDevice(app.hq.db.pool, body);
    // A re-enrolled device's old token stops working at once (here; other HQ processes within the
    // auth cache's time limit).
    app.deviceAuth.forgetDevice(answer.deviceId);
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

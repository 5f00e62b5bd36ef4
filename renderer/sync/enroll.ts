import { hqUrlProblem } from '../../shared/security/hq-url';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { normalizeEnrollmentCode, type EnrollResponse } from '../../shared/sync/protocol';
import type { OtklikDatabase } from '../db/database';
import { deviceId, storeEnrollment, type HqLink } from '../db/device';
import { saveWorkstationSettings } from '../db/settings';
import { requestSync } from './channel';
import { createHqClient, HqRequestError, type HqClient } from './client';
import { withHqDirectory } from '../../shared/settings/directory';

export class EnrollFailed extends Error {
  constructor(
    readonly reason:
      | 'invalid_url'
      | 'insecure_url'
      | 'code_required'
      | HqRequestError['kind']
      | 'code_invalid'
      | 'branch_mismatch'
      | 'rate_limited'
      | 'hq_change_cancelled',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The HQ address as it will be used, or EnrollFailed: not an http(s) address, or plain http to another
 * computer (issue 13: customers' data crosses the network encrypted, or not at all).
 */
export function checkHqUrl(raw: string): string {
  const hqUrl = raw.trim().replace(/\/+$/, '');
  const problem = hqUrlProblem(hqUrl);
  if (problem === 'invalid') throw new EnrollFailed('invalid_url', hqUrl);
  if (problem === 'insecure') throw new EnrollFailed('insecure_url', hqUrl);
  return hqUrl;
}

/** The link an enrollment answer gives, as the workstation stores it (storeEnrollment). */
export function linkFromAnswer(hqUrl: string, answer: EnrollResponse, enrolledAt: Date): HqLink {
  return {
    hqUrl,
    token: answer.deviceToken,
    deviceId: answer.deviceId,
    branch: answer.branch,
    enrolledAt: enrolledAt.toISOString(),
    // Issue 17: as a pull says it (rememberPushBatch); absent from an older HQ's answer.
    ...(answer.maxPushBatch === undefined ? {} : { maxPushBatch: answer.maxPushBatch }),
  };
}

/**
 * Connects this workstation to HQ: exchanges the one-time enrollment code for a device token, stores it with
 * the HQ address and the branch directory entry, and starts a sync.
 */
export async function connectToHq(
  db: OtklikDatabase,
  settings: WorkstationSettings,
  input: { hqUrl: string; code: string },
  client: HqClient = createHqClient(),
): Promise<HqLink> {
  const hqUrl = checkHqUrl(input.hqUrl);
  if (!normalizeEnrollmentCode(input.code)) throw new EnrollFailed('code_required', '');
  const id = await db.transaction('rw', db.meta, () => deviceId(db));
  let answer;
  try {
    answer = await client.enroll(hqUrl, {
      code: input.code.trim(),
      deviceId: id,
      branchCode: settings.branchCode,
    });
  } catch (error) {
    if (error instanceof HqRequestError) {
      if (error.code === 'enrollment_code_invalid') throw new EnrollFailed('code_invalid', error.message);
      if (error.code === 'branch_mismatch') throw new EnrollFailed('branch_mismatch', error.message);
      if (error.code === 'rate_limited') throw new EnrollFailed('rate_limited', error.message);
      throw new EnrollFailed(error.kind, error.message);
    }
    throw error;
  }
  const link = linkFromAnswer(hqUrl, answer, new Date());
  // HQ's device from now on (issue 13): its id, and what is queued renumbered from 1, with the link.
  await storeEnrollment(db, link);
  // The directory HQ manages replaces the local manager / head-of-sales fields it sets (issue 6).
  const withDirectory = withHqDirectory(settings, answer.branch) ?? settings;
  if (settings.hqUrl !== hqUrl || withDirectory !== settings)
    await saveWorkstationSettings(db, { ...withDirectory, hqUrl });
  requestSync('manual');
  return link;
}

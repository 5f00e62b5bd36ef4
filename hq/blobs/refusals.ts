import { HqError } from '../errors';

/** A branch has used its photo storage at HQ (issue 13): refused, not lost — the branch keeps the photo. */
export function quotaRefusal(branchCode: string, quotaBytes: number): HqError {
  return new HqError(
    507,
    'branch_quota_exceeded',
    `Branch ${branchCode} has used its photo storage at HQ (${quotaBytes} bytes). The photo stays on the ` +
      'workstation and is sent once HQ makes room (HQ_BRANCH_PHOTO_QUOTA_BYTES).',
  );
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

/** HQ's own disk is full: a 507 with a body instead of a broken connection; other errors stay as they are. */
export function storageRefusal(error: unknown): unknown {
  if (DISK_FULL.has((error as NodeJS.ErrnoException)?.code ?? ''))
    return new HqError(
      507,
      'insufficient_storage',
      "HQ's disk is full: the photo was not stored. It stays on the workstation and is sent again later.",
    );
  return error;
}

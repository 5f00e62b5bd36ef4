import type { AppInfo } from '../shared/ipc/contract';

/** Shown on the About screen and sent with support reports. */
export function getAppInfo(appVersion: string, proc: Pick<NodeJS.Process, 'versions' | 'platform'>): AppInfo {
  return {
    version: appVersion,
    electron: proc.versions.electron ?? 'unknown',
    chrome: proc.versions.chrome ?? 'unknown',
    platform: proc.platform,
  };
}

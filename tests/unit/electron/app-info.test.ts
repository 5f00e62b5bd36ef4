import { describe, expect, it } from 'vitest';
import { getAppInfo } from '../../../electron/app-info';
import { appInfoSchema } from '../../../shared/ipc/contract';

describe('getAppInfo', () => {
  it('reports the app, Electron and Chromium versions and the platform', () => {
    const info = getAppInfo('0.1.0', {
      platform: 'win32',
      versions: { ...process.versions, electron: '45.4.1', chrome: '142.0' },
    });
    expect(info).toEqual({ version: '0.1.0', electron: '45.4.1', chrome: '142.0', platform: 'win32' });
    expect(appInfoSchema.parse(info)).toEqual(info);
  });
});

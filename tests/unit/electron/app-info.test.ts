import { describe, expect, it, vi } from 'vitest';
import { getAppInfo } from '../../../electron/app-info';
import { getDiskSpace } from '../../../electron/disk-space';
import { showNotification } from '../../../electron/notifications';
import { appInfoSchema, diskSpaceSchema } from '../../../shared/ipc/contract';

// Electron is mocked: its binary cannot exist on this machine. The fake Notification records what
// would have been shown.
const notifications = vi.hoisted(() => ({ supported: true, shown: [] as unknown[] }));
vi.mock('electron', () => ({
  Notification: class {
    static isSupported = () => notifications.supported;
    constructor(private readonly options: unknown) {}
    show() {
      notifications.shown.push(this.options);
    }
  },
}));

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

describe('getDiskSpace', () => {
  it('counts the blocks this user may still write, not the ones reserved for root', async () => {
    const statfs = vi.fn(async () => ({ bsize: 4096, blocks: 1000, bfree: 300, bavail: 250 }));
    await expect(getDiskSpace('/home/u/.config/Otklik', statfs)).resolves.toEqual({
      freeBytes: 250 * 4096,
      totalBytes: 1000 * 4096,
    });
    expect(statfs).toHaveBeenCalledWith('/home/u/.config/Otklik');
  });

  it('reads a real disk', async () => {
    const space = await getDiskSpace(process.cwd());
    expect(diskSpaceSchema.parse(space)).toEqual(space);
    expect(space.totalBytes).toBeGreaterThan(0);
    expect(space.freeBytes).toBeLessThanOrEqual(space.totalBytes);
  });
});

describe('showNotification', () => {
  it('shows an OS notification', () => {
    notifications.supported = true;
    notifications.shown.length = 0;
    expect(showNotification({ title: 'Deadline', body: 'MSK-01-2026-000123 due at 11:00' })).toEqual({
      shown: true,
    });
    expect(notifications.shown).toEqual([
      expect.objectContaining({ title: 'Deadline', body: 'MSK-01-2026-000123 due at 11:00' }),
    ]);
  });

  it('says so when the OS has no notifications', () => {
    notifications.supported = false;
    notifications.shown.length = 0;
    expect(showNotification({ title: 'Deadline', body: '' })).toEqual({ shown: false });
    expect(notifications.shown).toEqual([]);
  });
});

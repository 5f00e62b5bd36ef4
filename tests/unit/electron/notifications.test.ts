import { describe, expect, it, vi } from 'vitest';
import { showNotification } from '../../../electron/notifications';

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

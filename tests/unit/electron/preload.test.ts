import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEY, IPC_CHANNELS } from '../../../shared/ipc/channels';

// Electron is mocked: its binary cannot exist on this machine. The fakes record what the preload
// exposes to the page and which channels it invokes.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (..._args: unknown[]) => 'reply'),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: electron.invoke, send: vi.fn(), on: vi.fn() },
}));

await import('../../../electron/preload');

describe('preload bridge', () => {
  const bridge = electron.exposed.get(BRIDGE_KEY) as Record<string, (...args: unknown[]) => Promise<unknown>>;

  it('exposes exactly the named functions under window.otklik, never ipcRenderer', () => {
    expect(BRIDGE_KEY).toBe('otklik');
    expect([...electron.exposed.keys()]).toEqual(['otklik']);
    expect(Object.keys(bridge).sort()).toEqual([
      'allowHqOrigin',
      'getAppInfo',
      'getDiskSpace',
      'listPrinters',
      'printDocument',
      'showNotification',
    ]);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it.each([
    ['getAppInfo', [], IPC_CHANNELS.getAppInfo],
    ['getDiskSpace', [], IPC_CHANNELS.getDiskSpace],
    ['showNotification', [{ title: 't', body: 'b' }], IPC_CHANNELS.showNotification],
    ['allowHqOrigin', ['https://hq.example.com'], IPC_CHANNELS.allowHqOrigin],
    [
      'printDocument',
      [{ html: '<p>x</p>', title: 'MSK-01-2026-100001', format: 'a4', action: 'print', printer: '' }],
      IPC_CHANNELS.printDocument,
    ],
    ['listPrinters', [], IPC_CHANNELS.listPrinters],
  ] as const)('%s invokes its contract channel', async (name, args, channel) => {
    electron.invoke.mockClear();
    await expect(bridge[name]?.(...args)).resolves.toBe('reply');
    expect(electron.invoke).toHaveBeenCalledWith(channel, ...args);
  });
});

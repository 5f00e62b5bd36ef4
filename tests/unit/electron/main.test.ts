import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../shared/ipc/channels';

// Electron is mocked: its binary cannot exist on this machine. This fake records how main.ts wires the
// app together: order of start-up calls, the single-instance lock, and what gets loaded.
const fake = vi.hoisted(() => {
  const state = {
    calls: [] as string[],
    listeners: new Map<string, (...args: unknown[]) => void>(),
    lock: true,
    isPackaged: true,
    windows: [] as {
      options: { webPreferences?: { preload?: string } };
      loadURL: ReturnType<typeof vi.fn>;
      focus: ReturnType<typeof vi.fn>;
    }[],
  };
  const record =
    (name: string, result?: unknown) =>
    (..._args: unknown[]) => {
      state.calls.push(name);
      return result;
    };
  const app = {
    get isPackaged() {
      return state.isPackaged;
    },
    requestSingleInstanceLock: () => (state.calls.push('requestSingleInstanceLock'), state.lock),
    enableSandbox: vi.fn(record('enableSandbox')),
    quit: vi.fn(record('quit')),
    exit: vi.fn(record('exit')),
    setAppUserModelId: vi.fn(),
    on: vi.fn((name: string, listener: (...args: unknown[]) => void) => state.listeners.set(name, listener)),
    whenReady: vi.fn(() => (state.calls.push('whenReady'), Promise.resolve())),
    getAppPath: () => '/opt/Otklik/resources/app.asar',
    getPath: () => '/home/u/.config/Otklik',
    getVersion: () => '0.1.0',
  };
  class BrowserWindow {
    loadURL = vi.fn(async () => {});
    focus = vi.fn();
    show = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    once = vi.fn();
    on = vi.fn();
    constructor(readonly options: { webPreferences?: { preload?: string } }) {
      state.calls.push('new BrowserWindow');
      state.windows.push(this);
    }
  }
  const session = {
    defaultSession: {
      protocol: { handle: vi.fn(record('protocol.handle')) },
      setPermissionRequestHandler: vi.fn(record('setPermissionRequestHandler')),
      setPermissionCheckHandler: vi.fn(record('setPermissionCheckHandler')),
      setDevicePermissionHandler: vi.fn(),
    },
  };
  return {
    state,
    electron: {
      app,
      BrowserWindow,
      session,
      ipcMain: { handle: vi.fn(record('ipcMain.handle')) },
      protocol: { registerSchemesAsPrivileged: vi.fn(record('registerSchemesAsPrivileged')) },
      shell: { openExternal: vi.fn(async () => {}) },
      dialog: {
        showMessageBox: vi.fn(async () => ({ response: 0 })),
        showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
      },
      Notification: class {},
    },
  };
});
vi.mock('electron', () => fake.electron);

async function start(options: { lock?: boolean; isPackaged?: boolean } = {}) {
  fake.state.lock = options.lock ?? true;
  fake.state.isPackaged = options.isPackaged ?? true;
  vi.resetModules();
  await import('../../../electron/main');
}

beforeEach(() => {
  fake.state.calls.length = 0;
  fake.state.listeners.clear();
  fake.state.windows.length = 0;
  vi.clearAllMocks();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

// The first case imports the whole main process's module graph (the others reuse it); beside the other unit
// projects on a two-core machine that alone took over vitest's default 5 s.
describe('main process start-up', { timeout: 30_000 }, () => {
  it('registers the app scheme and enables the sandbox before anything else', async () => {
    await start();
    expect(fake.state.calls.slice(0, 3)).toEqual([
      'registerSchemesAsPrivileged',
      'enableSandbox',
      'requestSingleInstanceLock',
    ]);
  });

  it('quits at once when another instance holds the lock', async () => {
    await start({ lock: false });
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.electron.app.whenReady).not.toHaveBeenCalled();
    expect(fake.state.listeners.has('web-contents-created')).toBe(false);
  });

  it('serves app://, installs the guards and the bridge, then loads the app page', async () => {
    await start();
    await vi.waitFor(() => expect(fake.state.windows[0]?.loadURL).toHaveBeenCalled());
    const window = fake.state.windows[0];
    expect(window?.loadURL).toHaveBeenCalledWith('app://otklik/index.html');
    expect(window?.options.webPreferences?.preload).toMatch(/preload\.cjs$/);
    expect(fake.electron.session.defaultSession.protocol.handle).toHaveBeenCalledWith(
      'app',
      expect.any(Function),
    );
    expect(fake.electron.ipcMain.handle).toHaveBeenCalledTimes(Object.keys(IPC_CHANNELS).length);
    const order = fake.state.calls;
    for (const step of [
      'protocol.handle',
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'ipcMain.handle',
    ]) {
      expect(order.indexOf(step)).toBeGreaterThan(-1);
      expect(order.indexOf(step)).toBeLessThan(order.indexOf('new BrowserWindow'));
    }
    expect(fake.state.listeners.has('web-contents-created')).toBe(true);
  });

  it('focuses the existing window when a second instance starts', async () => {
    await start();
    await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1));
    fake.state.listeners.get('second-instance')?.();
    expect(fake.state.windows[0]?.focus).toHaveBeenCalled();
  });

  it('loads the dev server only when not packaged and OTKLIK_RENDERER_URL is set', async () => {
    vi.stubEnv('OTKLIK_RENDERER_URL', 'http://127.0.0.1:5173');
    await start({ isPackaged: false });
    await vi.waitFor(() =>
      expect(fake.state.windows[0]?.loadURL).toHaveBeenCalledWith('http://127.0.0.1:5173'),
    );

    fake.state.windows.length = 0;
    await start({ isPackaged: true });
    await vi.waitFor(() =>
      expect(fake.state.windows[0]?.loadURL).toHaveBeenCalledWith('app://otklik/index.html'),
    );
  });
});

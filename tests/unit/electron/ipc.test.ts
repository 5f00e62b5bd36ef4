import type { IpcMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../../../electron/app-origin';
import { registerBridge, type BridgeImplementations } from '../../../electron/bridge';
import { checkSenderFrame, handleValidated, IpcRefusedError, type SenderFrame } from '../../../electron/ipc';
import type { Log } from '../../../electron/log';
import { IPC_CHANNELS } from '../../../shared/ipc/channels';
import { ipcContract, NOTIFICATION_BODY_MAX, NOTIFICATION_TITLE_MAX } from '../../../shared/ipc/contract';

// Electron is mocked: its binary cannot exist on this machine. ipcMain is a fake that keeps the
// registered listener so the test can invoke it the way Electron would, with a sender frame.
vi.mock('electron', () => ({}));

const origins = [APP_ORIGIN];

function frame(url: string, options: { parent?: unknown; destroyed?: boolean } = {}): SenderFrame {
  return { url, parent: options.parent ?? null, isDestroyed: () => options.destroyed ?? false };
}
const appFrame = frame('app://otklik/index.html');

describe('sender check', () => {
  it.each([
    ['the app page', appFrame, true],
    ['an app route', frame('app://otklik/complaints/7'), true],
    ['a foreign origin', frame('https://evil.example/'), false],
    ['another app host', frame('app://other/index.html'), false],
    ['a file page', frame('file:///tmp/index.html'), false],
    ['about:blank', frame('about:blank'), false],
    ['a subframe of the app', frame('app://otklik/frame.html', { parent: appFrame }), false],
    ['a destroyed frame', frame('app://otklik/index.html', { destroyed: true }), false],
    ['a missing frame (null)', null, false],
    ['a missing frame (undefined)', undefined, false],
    ['the dev server outside dev mode', frame('http://127.0.0.1:5173/'), false],
  ])('%s → allowed: %s', (_name, sender, allowed) => {
    expect(checkSenderFrame(sender, origins).ok).toBe(allowed);
  });

  it('accepts the dev server when it is an app origin', () => {
    expect(checkSenderFrame(frame('http://127.0.0.1:5173/'), [APP_ORIGIN, 'http://127.0.0.1:5173']).ok).toBe(
      true,
    );
  });
});

type Listener = (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const listeners = new Map<string, Listener>();
  const ipcMain = {
    handle: vi.fn((channel: string, listener: Listener) => {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener);
    }),
  };
  return {
    ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle'>,
    channels: () => [...listeners.keys()],
    invoke(channel: string, sender: SenderFrame | null, ...args: unknown[]) {
      const listener = listeners.get(channel);
      if (!listener) throw new Error(`no handler for ${channel}`);
      return listener({ senderFrame: sender }, ...args);
    },
  };
}

function setUp() {
  const fake = fakeIpcMain();
  const log: Log = { warn: vi.fn(), error: vi.fn() };
  const showNotification = vi.fn(() => ({ shown: true }));
  handleValidated(fake.ipcMain, 'showNotification', showNotification, { origins, log });
  const invoke = (sender: SenderFrame | null, ...args: unknown[]) =>
    fake.invoke(ipcContract.showNotification.channel, sender, ...args);
  return { ...fake, log, showNotification, invoke };
}

describe('validated handler', () => {
  it('calls the implementation with the parsed arguments and returns its result', async () => {
    const { invoke, showNotification } = setUp();
    await expect(invoke(appFrame, { title: '  Deadline at 11:00  ', body: 'MSK-01' })).resolves.toEqual({
      shown: true,
    });
    // The schema trims the title: the implementation sees the parsed value, not the raw one.
    expect(showNotification).toHaveBeenCalledWith({ title: 'Deadline at 11:00', body: 'MSK-01' });
  });

  it.each([
    ['no argument', []],
    ['a string instead of an object', ['hello']],
    ['a missing body', [{ title: 'x' }]],
    ['an empty title', [{ title: '   ', body: '' }]],
    ['a title that is too long', [{ title: 'x'.repeat(NOTIFICATION_TITLE_MAX + 1), body: '' }]],
    ['a body that is too long', [{ title: 'x', body: 'y'.repeat(NOTIFICATION_BODY_MAX + 1) }]],
    ['a number as title', [{ title: 1, body: '' }]],
    ['an unknown field', [{ title: 'x', body: '', icon: '/etc/passwd' }]],
    ['an extra argument', [{ title: 'x', body: '' }, 'extra']],
  ])('refuses %s without calling the implementation', async (_name, args) => {
    const { invoke, showNotification, log } = setUp();
    await expect(invoke(appFrame, ...args)).rejects.toThrow(IpcRefusedError);
    await expect(invoke(appFrame, ...args)).rejects.toThrow(/otklik:show-notification.*invalid arguments/);
    expect(showNotification).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith(
      'Refused IPC call',
      expect.objectContaining({ channel: 'otklik:show-notification', reason: 'invalid arguments' }),
    );
  });

  it.each([
    ['a foreign page', frame('https://evil.example/')],
    ['a subframe', frame('app://otklik/x.html', { parent: appFrame })],
    ['a destroyed frame', frame('app://otklik/index.html', { destroyed: true })],
    ['no frame', null],
  ])('refuses a call from %s even with valid arguments', async (_name, sender) => {
    const { invoke, showNotification, log } = setUp();
    await expect(invoke(sender, { title: 'x', body: 'y' })).rejects.toThrow(IpcRefusedError);
    expect(showNotification).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(1);
  });

  it('refuses a result that breaks the contract', async () => {
    const fake = fakeIpcMain();
    const log: Log = { warn: vi.fn(), error: vi.fn() };
    handleValidated(fake.ipcMain, 'getDiskSpace', () => ({ freeBytes: -1, totalBytes: 10 }), {
      origins,
      log,
    });
    await expect(fake.invoke(IPC_CHANNELS.getDiskSpace, appFrame)).rejects.toThrow();
  });
});

describe('bridge registration', () => {
  it('registers every contract channel, each behind the validated wrapper', async () => {
    const fake = fakeIpcMain();
    const log: Log = { warn: vi.fn(), error: vi.fn() };
    const implementations: BridgeImplementations = {
      getAppInfo: vi.fn(() => ({ version: '0.1.0', electron: '45.4.1', chrome: '142', platform: 'linux' })),
      getDiskSpace: vi.fn(async () => ({ freeBytes: 1, totalBytes: 2 })),
      showNotification: vi.fn(() => ({ shown: false })),
      allowHqOrigin: vi.fn((url: string) => ({ changed: true, origin: new URL(url).origin })),
      printDocument: vi.fn(async () => ({ ok: true as const })),
      listPrinters: vi.fn(async () => []),
    };
    registerBridge(fake.ipcMain, implementations, { origins, log });
    expect(fake.channels().sort()).toEqual(Object.values(IPC_CHANNELS).sort());

    await expect(fake.invoke(IPC_CHANNELS.getDiskSpace, appFrame)).resolves.toEqual({
      freeBytes: 1,
      totalBytes: 2,
    });
    await expect(fake.invoke(IPC_CHANNELS.getAppInfo, frame('https://evil.example/'))).rejects.toThrow(
      IpcRefusedError,
    );
    expect(implementations.getAppInfo).not.toHaveBeenCalled();
    await expect(fake.invoke(IPC_CHANNELS.getAppInfo, appFrame, 'unexpected')).rejects.toThrow(
      /invalid arguments/,
    );
    expect(implementations.getAppInfo).not.toHaveBeenCalled();
    // The HQ address: a string, checked by the contract before the implementation sees it.
    await expect(
      fake.invoke(IPC_CHANNELS.allowHqOrigin, appFrame, 'https://hq.example.com/x'),
    ).resolves.toEqual({
      changed: true,
      origin: 'https://hq.example.com',
    });
    await expect(fake.invoke(IPC_CHANNELS.allowHqOrigin, appFrame, 42)).rejects.toThrow(/invalid arguments/);
    await expect(fake.invoke(IPC_CHANNELS.allowHqOrigin, appFrame, '')).rejects.toThrow(/invalid arguments/);
    expect(implementations.allowHqOrigin).toHaveBeenCalledTimes(1);
  });

  it('the contract names each channel once, with the channel the preload uses', () => {
    for (const [name, entry] of Object.entries(ipcContract)) {
      expect(entry.channel).toBe(IPC_CHANNELS[name as keyof typeof IPC_CHANNELS]);
    }
    expect(new Set(Object.values(IPC_CHANNELS)).size).toBe(Object.keys(IPC_CHANNELS).length);
    expect(Object.keys(ipcContract).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
  });
});

import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../../../electron/app-origin';
import type { Log } from '../../../electron/log';
import { guardWebContents, isSafeExternalUrl } from '../../../electron/navigation';

// Electron is mocked: its binary cannot exist on this machine. A fake webContents records the handlers
// the guard installs, and the test fires them the way Electron would.
vi.mock('electron', () => ({}));

type Listener = (event: { preventDefault(): void }, ...args: unknown[]) => void;

function fakeWebContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: vi.fn((name: string, listener: Listener) => {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
      return contents;
    }),
    setWindowOpenHandler: vi.fn((handler: typeof openHandler) => {
      openHandler = handler;
    }),
  };
  return {
    contents: contents as unknown as WebContents,
    emit(name: string, ...args: unknown[]) {
      const event = { preventDefault: vi.fn() };
      for (const listener of listeners.get(name) ?? []) listener(event, ...args);
      return event;
    },
    open(url: string) {
      if (!openHandler) throw new Error('no window open handler installed');
      return openHandler({ url });
    },
  };
}

function setUp(origins = [APP_ORIGIN]) {
  const fake = fakeWebContents();
  const openExternal = vi.fn(async (_url: string) => {});
  const log: Log = { warn: vi.fn(), error: vi.fn() };
  guardWebContents(fake.contents, { origins, openExternal, log });
  return { ...fake, openExternal, log };
}

describe('will-navigate and will-redirect', () => {
  it.each([
    ['https://evil.example/', true],
    ['file:///etc/passwd', true],
    ['app://other/index.html', true],
    ['javascript:alert(1)', true],
    ['data:text/html,hi', true],
    ['app://otklik/complaints', false],
  ])('navigating to %s → prevented: %s', (url, prevented) => {
    const { emit, openExternal } = setUp();
    for (const kind of ['will-navigate', 'will-redirect']) {
      const event = emit(kind, url);
      expect(event.preventDefault).toHaveBeenCalledTimes(prevented ? 1 : 0);
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('allows the dev server only when it is one of the app origins', () => {
    const dev = 'http://127.0.0.1:5173';
    expect(setUp([APP_ORIGIN, dev]).emit('will-navigate', `${dev}/x`).preventDefault).not.toHaveBeenCalled();
    expect(setUp().emit('will-navigate', `${dev}/x`).preventDefault).toHaveBeenCalled();
  });

  it('logs what it blocked', () => {
    const { emit, log } = setUp();
    emit('will-navigate', 'https://evil.example/');
    expect(log.warn).toHaveBeenCalledWith('Blocked navigation', { url: 'https://evil.example/' });
  });
});

describe('window.open', () => {
  it.each([
    ['https://example.com/help', true],
    ['http://intranet.example/policy', true],
    ['mailto:manager@branch.example?subject=Complaint', true],
    ['app://otklik/index.html', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,hi', false],
    ['ftp://files.example/', false],
    ['https://user:secret@example.com/', false],
    ['smb://server/share', false],
  ])('%s → denied; handed to the OS: %s', (url, external) => {
    const { open, openExternal } = setUp();
    expect(open(url)).toEqual({ action: 'deny' });
    if (external) expect(openExternal).toHaveBeenCalledWith(url);
    else expect(openExternal).not.toHaveBeenCalled();
  });

  it('survives a failing openExternal', async () => {
    const { open, openExternal, log } = setUp();
    openExternal.mockRejectedValueOnce(new Error('no browser'));
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(log.warn).toHaveBeenCalledWith('openExternal failed', expect.anything()));
  });
});

describe('webview', () => {
  it('prevents every <webview> from attaching', () => {
    const { emit } = setUp();
    expect(
      emit('will-attach-webview', {}, { src: 'app://otklik/index.html' }).preventDefault,
    ).toHaveBeenCalled();
  });
});

describe('external URL check', () => {
  it.each([
    ['https://example.com', true],
    ['mailto:a@b.example', true],
    ['mailto:', false],
    ['https://', false],
    ['tel:+420123456789', false],
    ['', false],
  ])('%j → %s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe);
  });
});

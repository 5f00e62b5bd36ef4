import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppWindow, createPrintWindow, focusWindow } from '../../../electron/window';

// Electron is mocked: its binary cannot exist on this machine. The fake BrowserWindow records the
// options the factory passes, which is what this test is about.
const created = vi.hoisted(
  () => [] as { options: Electron.BrowserWindowConstructorOptions; show: () => void }[],
);
vi.mock('electron', () => ({
  BrowserWindow: class {
    private readyToShow: (() => void) | undefined;
    show = vi.fn();
    constructor(options: Electron.BrowserWindowConstructorOptions) {
      created.push({ options, show: () => this.readyToShow?.() });
    }
    once(event: string, listener: () => void) {
      if (event === 'ready-to-show') this.readyToShow = listener;
      return this;
    }
  },
}));

beforeEach(() => {
  created.length = 0;
});

describe('window factory', () => {
  it('locks down webPreferences', () => {
    createAppWindow({ preloadPath: '/app/dist/electron/preload.cjs', devTools: false });
    expect(created).toHaveLength(1);
    const prefs = created[0]?.options.webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      devTools: false,
    });
    // Nothing that would loosen the sandbox sneaks in.
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('partition');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('passes devTools through (on only in development)', () => {
    createAppWindow({ preloadPath: '/p.cjs', devTools: true });
    expect(created[0]?.options.webPreferences?.devTools).toBe(true);
  });

  it('shows the window only when its page is ready', () => {
    const window = createAppWindow({ preloadPath: '/p.cjs', devTools: false });
    expect(created[0]?.options.show).toBe(false);
    expect(window.show).not.toHaveBeenCalled();
    created[0]?.show();
    expect(window.show).toHaveBeenCalledTimes(1);
  });
});

describe('print window (issue 16)', () => {
  it('is hidden, has no preload (no bridge for a document) and the same lock-down as the app window', () => {
    createAppWindow({ preloadPath: '/p.cjs', devTools: false });
    createPrintWindow();
    const [app, print] = created.map((c) => c.options);
    expect(print?.show).toBe(false);
    expect(print?.webPreferences).not.toHaveProperty('preload');
    const { preload: _preload, ...appPrefs } = app?.webPreferences ?? {};
    expect(print?.webPreferences).toEqual(appPrefs);
  });
});

describe('focusWindow', () => {
  const fakeWindow = (minimized: boolean) => ({
    isMinimized: vi.fn(() => minimized),
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
  });

  it('restores a minimised window and focuses it', () => {
    const window = fakeWindow(true);
    focusWindow(window);
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('only focuses a window that is not minimised', () => {
    const window = fakeWindow(false);
    focusWindow(window);
    expect(window.restore).not.toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('does nothing before the window exists', () => {
    expect(() => focusWindow(null)).not.toThrow();
  });
});

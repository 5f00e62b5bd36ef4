import { BrowserWindow } from 'electron';

/**
 * The one place that creates windows, so every window gets the same locked-down webPreferences.
 * Navigation, window.open and <webview> are guarded for all webContents in navigation.ts.
 */
export interface AppWindowOptions {
  preloadPath: string;
  devTools: boolean;
}

/** The same lock-down for every window; only the preload (the bridge) differs. */
function lockedDownPreferences(options: { preload?: string; devTools: boolean }) {
  return {
    ...(options.preload ? { preload: options.preload } : {}),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools,
  };
}

export function createAppWindow(options: AppWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Otklik',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: lockedDownPreferences({ preload: options.preloadPath, devTools: options.devTools }),
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

/**
 * Issue 16: the hidden window a document is printed from. Never shown; no preload, so the document can
 * reach no bridge; the same guards as the app window (navigation, permissions) apply to it.
 */
export function createPrintWindow(): BrowserWindow {
  return new BrowserWindow({
    width: 900,
    height: 1200,
    show: false,
    title: 'Otklik',
    backgroundColor: '#ffffff',
    webPreferences: lockedDownPreferences({ devTools: false }),
  });
}

/** A second launch brings the running window to the front instead of opening another app. */
export function focusWindow(
  window: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'> | null,
): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, dialog, ipcMain, protocol, session, shell, type BrowserWindow } from 'electron';
import { APP_SCHEME, resolveAppLocation } from './app-origin';
import { createAppProtocolHandler, registerAppScheme } from './app-protocol';
import { getAppInfo } from './app-info';
import { registerBridge } from './bridge';
import { buildContentSecurityPolicy } from '../shared/security/csp';
import { getDiskSpace } from './disk-space';
import { confirmHqChange } from './hq-change-dialog';
import { HqOriginStore } from './hq-origin';
import { consoleLog as log } from './log';
import { guardWebContents } from './navigation';
import { showNotification } from './notifications';
import { installPermissionHandlers } from './permissions';
import { PrintDocuments } from './print-documents';
import { createDocumentPrinter } from './printing';
import { createAppWindow, createPrintWindow, focusWindow } from './window';

/** Same value as appId in electron-builder.yml: Windows ties notifications to it. */
const APP_USER_MODEL_ID = 'app.otklik.desktop';

const location = resolveAppLocation({
  isPackaged: app.isPackaged,
  rendererUrl: process.env.OTKLIK_RENDERER_URL,
});

// Both must happen before "ready".
registerAppScheme(protocol);
app.enableSandbox();

// A separate profile (tests, a second branch on one PC in development); never in a packaged app.
if (!app.isPackaged && process.env.OTKLIK_USER_DATA_DIR)
  app.setPath('userData', process.env.OTKLIK_USER_DATA_DIR);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  let mainWindow: BrowserWindow | null = null;
  // The HQ the renderer may sync with: learned when the workstation connects (Settings), else OTKLIK_HQ_URL;
  // until then the page can reach no server at all.
  // Another HQ than the enrolled one only when a person confirms it in a dialog (issue 13).
  const hqOrigin = new HqOriginStore(
    path.join(app.getPath('userData'), 'hq-origin.json'),
    process.env.OTKLIK_HQ_URL,
    log,
    (change) => confirmHqChange(mainWindow, change),
  );
  const contentSecurityPolicy = () => {
    const origin = hqOrigin.current();
    return buildContentSecurityPolicy(origin ? { hqOrigin: origin } : {});
  };
  // Documents being printed, served at app://otklik/print/<id>.html while their job runs (issue 16).
  const printDocuments = new PrintDocuments();
  const printDocument = createDocumentPrinter({
    documents: printDocuments,
    createWindow: createPrintWindow,
    choosePdfPath: async (fileName) => {
      const options = {
        defaultPath: path.join(app.getPath('documents'), fileName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      };
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return result.canceled ? undefined : result.filePath;
    },
    writeFile: (file, data) => writeFile(file, data),
    log,
  });

  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  app.on('second-instance', () => focusWindow(mainWindow));
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, {
      origins: location.origins,
      openExternal: (url) => shell.openExternal(url),
      log,
    }),
  );
  app.on('window-all-closed', () => app.quit());

  app
    .whenReady()
    .then(async () => {
      session.defaultSession.protocol.handle(
        APP_SCHEME,
        createAppProtocolHandler({
          rootDir: path.join(app.getAppPath(), 'dist', 'renderer'),
          contentSecurityPolicy,
          generatedPage: (url) => printDocuments.lookup(url),
          onReject: (url, reason) => log.warn('Refused app:// request', { url, reason }),
        }),
      );
      installPermissionHandlers(session.defaultSession, location.origins, log);
      registerBridge(
        ipcMain,
        {
          getAppInfo: () => getAppInfo(app.getVersion(), process),
          getDiskSpace: () => getDiskSpace(app.getPath('userData')),
          showNotification,
          allowHqOrigin: (url, language) => hqOrigin.allow(url, language),
          printDocument,
          listPrinters: async () =>
            ((await mainWindow?.webContents.getPrintersAsync()) ?? []).map((p) => ({
              name: p.name,
              displayName: p.displayName,
              description: p.description,
            })),
        },
        { origins: location.origins, log },
      );

      mainWindow = createAppWindow({
        preloadPath: path.join(__dirname, 'preload.cjs'),
        devTools: !app.isPackaged,
      });
      mainWindow.on('closed', () => {
        mainWindow = null;
      });
      await mainWindow.loadURL(location.entryUrl);
    })
    .catch((error: unknown) => {
      log.error('Start-up failed', { error });
      app.exit(1);
    });
}

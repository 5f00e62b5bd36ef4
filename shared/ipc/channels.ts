/**
 * The IPC channel names, and nothing else: the sandboxed preload imports this file, so it must stay free
 * of zod (the preload is bundled into one file that may require only `electron`).
 */
export const IPC_CHANNELS = {
  getAppInfo: 'otklik:get-app-info',
  getDiskSpace: 'otklik:get-disk-space',
  showNotification: 'otklik:show-notification',
  allowHqOrigin: 'otklik:allow-hq-origin',
  printDocument: 'otklik:print-document',
  listPrinters: 'otklik:list-printers',
} as const;

export type IpcName = keyof typeof IPC_CHANNELS;

/** The bridge lives at `window.otklik` in the Electron renderer and is absent in a plain browser. */
export const BRIDGE_KEY = 'otklik';

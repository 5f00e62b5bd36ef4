import type {
  AppInfo,
  DiskSpace,
  OtklikBridge,
  PrinterInfo,
  PrintJob,
  PrintResult,
} from '../../shared/ipc/contract';
import { webPrint } from './webPrint';

declare global {
  interface Window {
    /** Present only inside the Electron app (electron/preload.ts). */
    readonly otklik?: OtklikBridge;
  }
}

/**
 * What the page needs from its host. In Electron it goes through the preload bridge; in a plain browser
 * (development, tests, the start script's fallback) the web platform does what a browser can.
 */
export interface Platform {
  readonly kind: 'electron' | 'web';
  appInfo(): Promise<AppInfo | null>;
  /** Free space where our data lives; in a browser, what is left of the origin's quota. */
  diskSpace(): Promise<DiskSpace | null>;
  /** A system notification; false when none could be shown. */
  notify(title: string, body: string): Promise<boolean>;
  /**
   * Lets the page connect to this HQ server (the desktop app's CSP names exactly one). True when the page
   * must reload before it can reach it; a browser page needs nothing (its server sets its policy). Throws
   * HqChangeNotConfirmed when the workstation is enrolled to another HQ and nobody confirmed the move.
   */
  allowHq(url: string, language?: string): Promise<boolean>;
  /**
   * Issue 16: prints a rendered document (renderer/documents) or saves it as a PDF. Electron: a hidden
   * window in the main process, the remembered printer, an explicit page size. Browser: window.print().
   */
  print(job: PrintJob): Promise<PrintResult>;
  /** The printers to choose from; none in a browser (its print dialog chooses). */
  printers(): Promise<PrinterInfo[]>;
}

/** The desktop app keeps its enrolled HQ: moving to another one was not confirmed (issue 13). */
export class HqChangeNotConfirmed extends Error {}

function electronPlatform(bridge: OtklikBridge): Platform {
  return {
    kind: 'electron',
    appInfo: () => bridge.getAppInfo(),
    diskSpace: () => bridge.getDiskSpace(),
    notify: async (title, body) => (await bridge.showNotification({ title, body })).shown,
    allowHq: async (url, language) => {
      const answer = await bridge.allowHqOrigin(url, language);
      if (answer.origin !== new URL(url).origin) throw new HqChangeNotConfirmed(answer.origin);
      return answer.changed;
    },
    print: (job) => bridge.printDocument(job),
    printers: () => bridge.listPrinters(),
  };
}

const webPlatform: Platform = {
  kind: 'web',
  appInfo: async () => null,
  diskSpace: async () => {
    const estimate = await navigator.storage?.estimate?.();
    if (!estimate?.quota) return null;
    return { freeBytes: Math.max(0, estimate.quota - (estimate.usage ?? 0)), totalBytes: estimate.quota };
  },
  notify: async (title, body) => {
    if (typeof Notification === 'undefined') return false;
    if (Notification.permission === 'default') await Notification.requestPermission();
    if (Notification.permission !== 'granted') return false;
    new Notification(title, { body });
    return true;
  },
  allowHq: async () => false,
  print: webPrint,
  printers: async () => [],
};

export const platform: Platform = window.otklik ? electronPlatform(window.otklik) : webPlatform;

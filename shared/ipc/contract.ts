import { z } from 'zod';
import { PAPER_FORMATS } from '../documents/paper';
import { PRINTER_NAME_MAX } from '../documents/print-preferences';
import { IPC_CHANNELS, type IpcName } from './channels';

/**
 * The typed bridge between the renderer and the main process. Each channel names its argument tuple
 * and its result; the main process validates both with these schemas, the preload is typed by them.
 */

export const appInfoSchema = z.object({
  version: z.string(),
  electron: z.string(),
  chrome: z.string(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** Of the disk that holds the app's data (IndexedDB, photos). */
export const diskSpaceSchema = z.object({
  freeBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
});
export type DiskSpace = z.infer<typeof diskSpaceSchema>;

export const NOTIFICATION_TITLE_MAX = 120;
export const NOTIFICATION_BODY_MAX = 500;

export const notificationSchema = z.strictObject({
  title: z.string().trim().min(1).max(NOTIFICATION_TITLE_MAX),
  body: z.string().max(NOTIFICATION_BODY_MAX),
});

/** `shown: false` when the OS offers no notifications; the renderer then shows its own banner. */
export const notificationResultSchema = z.object({ shown: z.boolean() });

/**
 * The HQ server the page may connect to (CSP connect-src). Set when a workstation is connected to HQ in
 * Settings; `changed: true` means the page must reload for the new policy to apply. Another HQ than the
 * enrolled one needs a person's confirmation in main (issue 13); refused, `origin` is the one still allowed.
 * The language is the page's, for that question.
 */
export const hqOriginSchema = z.string().trim().min(1).max(2048);
export const hqLanguageSchema = z.string().max(16).optional();
export const hqOriginResultSchema = z.object({ changed: z.boolean(), origin: z.string() });

/**
 * Issue 16: a document to print or save as PDF. The page renders it to a complete static HTML document (the
 * same markup a browser prints); the main process shows it in a hidden window and prints that. A document
 * never carries scripts: one that does is refused.
 */
export const PRINT_HTML_MAX = 2_000_000;
export const PRINT_TITLE_MAX = 200;
export const printJobSchema = z.strictObject({
  html: z
    .string()
    .min(1)
    .max(PRINT_HTML_MAX)
    .refine((html) => !/<script/i.test(html), 'a document must not contain scripts'),
  title: z.string().trim().min(1).max(PRINT_TITLE_MAX),
  format: z.enum(PAPER_FORMATS),
  /** 'pdf' asks where to save the file. */
  action: z.enum(['print', 'pdf']),
  /** '' = ask in the system's print dialog; a name = print there at once (the remembered printer). */
  printer: z.string().max(PRINTER_NAME_MAX),
});
export type PrintJob = z.input<typeof printJobSchema>;

/** Why a print did not happen; the page words it in the user's language (locales documents.json). */
export const PRINT_PROBLEMS = [
  'timeout',
  'failed',
  'cancelled',
  'load_failed',
  // The page could not load the catalogues of the document's language (issue 17: loaded when first used).
  'texts_unavailable',
  'save_failed',
  'unavailable',
] as const;

export const printResultSchema = z.union([
  z.strictObject({ ok: z.literal(true), savedTo: z.string().max(4096).optional() }),
  z.strictObject({
    ok: z.literal(false),
    problem: z.enum(PRINT_PROBLEMS),
    /** The system's own words, for support. */
    detail: z.string().max(500).optional(),
  }),
]);
export type PrintResult = z.output<typeof printResultSchema>;

export const printersSchema = z.array(
  z.object({ name: z.string(), displayName: z.string(), description: z.string() }),
);
export type PrinterInfo = z.output<typeof printersSchema>[number];

interface ChannelContract {
  readonly channel: string;
  readonly args: z.ZodTuple;
  readonly result: z.ZodType;
}

export const ipcContract = {
  getAppInfo: { channel: IPC_CHANNELS.getAppInfo, args: z.tuple([]), result: appInfoSchema },
  getDiskSpace: { channel: IPC_CHANNELS.getDiskSpace, args: z.tuple([]), result: diskSpaceSchema },
  showNotification: {
    channel: IPC_CHANNELS.showNotification,
    args: z.tuple([notificationSchema]),
    result: notificationResultSchema,
  },
  allowHqOrigin: {
    channel: IPC_CHANNELS.allowHqOrigin,
    args: z.tuple([hqOriginSchema, hqLanguageSchema]),
    result: hqOriginResultSchema,
  },
  printDocument: {
    channel: IPC_CHANNELS.printDocument,
    args: z.tuple([printJobSchema]),
    result: printResultSchema,
  },
  listPrinters: { channel: IPC_CHANNELS.listPrinters, args: z.tuple([]), result: printersSchema },
} as const satisfies {
  readonly [N in IpcName]: ChannelContract & { readonly channel: (typeof IPC_CHANNELS)[N] };
};

type Contract = typeof ipcContract;
/** What the renderer passes. */
export type IpcArgs<N extends IpcName> = z.input<Contract[N]['args']>;
/** What the main-process implementation receives, after validation. */
export type IpcParsedArgs<N extends IpcName> = z.output<Contract[N]['args']>;
export type IpcResult<N extends IpcName> = z.output<Contract[N]['result']>;

/** The object the preload exposes as `window.otklik`. */
export type OtklikBridge = {
  readonly [N in IpcName]: (...args: IpcArgs<N>) => Promise<IpcResult<N>>;
};

export { IPC_CHANNELS, type IpcName } from './channels';

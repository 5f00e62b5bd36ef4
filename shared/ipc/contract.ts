import { z } from 'zod';
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
export type NotificationRequest = z.input<typeof notificationSchema>;

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

export { BRIDGE_KEY, IPC_CHANNELS, type IpcName } from './channels';

import type { IpcMain } from 'electron';
import { ipcContract, type IpcName, type IpcParsedArgs, type IpcResult } from '../shared/ipc/contract';
import { isAppUrl, type AppOrigins } from './app-origin';
import type { Log } from './log';

/**
 * The only way to register an IPC handler: the call is served only for the app's own top-level page
 * and only with arguments that pass the contract's schema; anything else is refused and logged,
 * and the implementation never runs.
 */

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
  isDestroyed(): boolean;
}

export type SenderVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export function checkSenderFrame(frame: SenderFrame | null | undefined, origins: AppOrigins): SenderVerdict {
  if (!frame) return { ok: false, reason: 'no sender frame (navigated away or destroyed)' };
  if (frame.isDestroyed()) return { ok: false, reason: 'sender frame is destroyed' };
  if (frame.parent !== null) return { ok: false, reason: 'sender is a subframe' };
  if (!isAppUrl(frame.url, origins))
    return { ok: false, reason: `sender origin is not the app: ${frame.url}` };
  return { ok: true };
}

export class IpcRefusedError extends Error {
  constructor(channel: string, reason: string) {
    super(`IPC call "${channel}" refused: ${reason}`);
    this.name = 'IpcRefusedError';
  }
}

export type IpcImplementation<N extends IpcName> = (
  ...args: IpcParsedArgs<N>
) => IpcResult<N> | Promise<IpcResult<N>>;

export interface ValidatedIpcOptions {
  origins: AppOrigins;
  log: Log;
}

interface InvokeEvent {
  readonly senderFrame: SenderFrame | null;
}

export function handleValidated<N extends IpcName>(
  ipcMain: Pick<IpcMain, 'handle'>,
  name: N,
  implementation: IpcImplementation<N>,
  options: ValidatedIpcOptions,
): void {
  const contract = ipcContract[name];
  const refuse = (reason: string, details: Record<string, unknown> = {}): never => {
    options.log.warn('Refused IPC call', { channel: contract.channel, reason, ...details });
    throw new IpcRefusedError(contract.channel, reason);
  };

  ipcMain.handle(contract.channel, async (event: InvokeEvent, ...args: unknown[]) => {
    const sender = checkSenderFrame(event.senderFrame, options.origins);
    if (!sender.ok) return refuse(sender.reason);
    const parsed = contract.args.safeParse(args);
    if (!parsed.success) {
      return refuse('invalid arguments', {
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      });
    }
    const result = await implementation(...(parsed.data as IpcParsedArgs<N>));
    return contract.result.parse(result);
  });
}

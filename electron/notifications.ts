import { Notification } from 'electron';
import type { IpcParsedArgs, IpcResult } from '../shared/ipc/contract';

/** An OS notification (deadline warnings, sync problems) that reaches staff when the window is hidden. */
export function showNotification(
  ...[request]: IpcParsedArgs<'showNotification'>
): IpcResult<'showNotification'> {
  if (!Notification.isSupported()) return { shown: false };
  new Notification({ title: request.title, body: request.body, silent: false }).show();
  return { shown: true };
}

import type { IpcMain } from 'electron';
import type { IpcName } from '../shared/ipc/contract';
import { handleValidated, type IpcImplementation, type ValidatedIpcOptions } from './ipc';

/** One implementation per contract channel: a channel added to the contract without one fails typecheck. */
export type BridgeImplementations = { readonly [N in IpcName]: IpcImplementation<N> };

export function registerBridge(
  ipcMain: Pick<IpcMain, 'handle'>,
  implementations: BridgeImplementations,
  options: ValidatedIpcOptions,
): void {
  const register = <N extends IpcName>(name: N) =>
    handleValidated(ipcMain, name, implementations[name], options);
  for (const name of Object.keys(implementations) as IpcName[]) register(name);
}

import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, IPC_CHANNELS, type IpcName } from '../shared/ipc/channels';
import type { IpcArgs, IpcResult, OtklikBridge } from '../shared/ipc/contract';

/**
 * Runs sandboxed: this bundle may require only `electron`, so it takes the channel names from the
 * zod-free channels module and its types from the contract. The main process validates everything.
 * The page gets these named functions, never ipcRenderer itself.
 */
function invoke<N extends IpcName>(name: N, ...args: IpcArgs<N>): Promise<IpcResult<N>> {
  return ipcRenderer.invoke(IPC_CHANNELS[name], ...args) as Promise<IpcResult<N>>;
}

const bridge = {
  getAppInfo: () => invoke('getAppInfo'),
  getDiskSpace: () => invoke('getDiskSpace'),
  showNotification: (notification) => invoke('showNotification', notification),
  allowHqOrigin: (...args) => invoke('allowHqOrigin', ...args),
  printDocument: (job) => invoke('printDocument', job),
  listPrinters: () => invoke('listPrinters'),
} satisfies OtklikBridge;

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);

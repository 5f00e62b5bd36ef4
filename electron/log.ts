/** The main process logs refusals (IPC, navigation, permissions) so a support engineer can see them. */
export interface Log {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export const consoleLog: Log = {
  warn: (message, details) => console.warn(`[otklik] ${message}`, details ?? ''),
  error: (message, details) => console.error(`[otklik] ${message}`, details ?? ''),
};

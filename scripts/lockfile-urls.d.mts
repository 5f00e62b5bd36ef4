export interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  inBundle?: boolean;
  [field: string]: unknown;
}
export interface Lock {
  packages?: Record<string, LockEntry>;
  [field: string]: unknown;
}
export function registryFor(name: string, config: Record<string, unknown>): string;
export function withTarballUrls(lock: Lock, config: Record<string, unknown>): { lock: Lock; added: number };

import { readFileSync } from 'node:fs';
import type { HqConfig } from './config';

/**
 * HTTPS for HQ (issue 13): TLS_CERT and TLS_KEY name PEM files (the certificate with its chain, and its
 * private key). Read once at start; a renewed certificate takes effect at the next restart.
 */
export function loadTls(config: Pick<HqConfig, 'tls'>): { cert: Buffer; key: Buffer } | undefined {
  if (!config.tls) return undefined;
  const read = (what: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`Cannot read ${what} ${file}: ${(error as Error).message}`, { cause: error });
    }
  };
  return { cert: read('TLS_CERT', config.tls.certFile), key: read('TLS_KEY', config.tls.keyFile) };
}

import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { HQ_BUILD, makeMigratedDatabase } from './hq';

/**
 * One migrated embedded database for the whole run, made before the workers start (they inherit the
 * variable): every HQ a spec starts begins on a copy of it (tests/e2e/hq.ts), instead of each worker making
 * its own (issue 17: CI time). Without an HQ build there is nothing to make; the HQ specs say so themselves.
 */
export default function globalSetup(): (() => void) | undefined {
  if (!existsSync(HQ_BUILD)) return undefined;
  const template = makeMigratedDatabase();
  process.env.OTKLIK_E2E_HQ_TEMPLATE = template;
  return () => rmSync(dirname(template), { recursive: true, force: true });
}

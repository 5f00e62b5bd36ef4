import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * HQ users' passwords (issue 14): Argon2id (the package's default algorithm) with OWASP's minimum
 * parameters — 19 MiB, 2 passes, 1 lane — about 30 ms here. Only the PHC string is stored.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash of nothing anybody knows, computed once: an unknown user costs the same time as a wrong password. */
let decoy: Promise<string> | undefined;

/**
 * Whether the password matches. Without a stored hash (unknown user, password never set) the same work is
 * done against a decoy, so the answer and its timing do not tell whether the account exists.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hash(randomBytes(32).toString('hex'), OPTIONS);
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

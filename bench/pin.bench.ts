import { bench, describe } from 'vitest';
import { PIN_ITERATIONS, hashPin, verifyPin } from '../shared/people/pin';

// Issue 14: what one sign-in costs — a PIN checked against its PBKDF2-SHA256 hash at the app's iteration
// count (Node's WebCrypto here; the page's is of the same order). A counter PC waits this once per sign-in.
const stored = await hashPin('4829');

describe(`PIN hash, PBKDF2-SHA256 × ${PIN_ITERATIONS.toLocaleString('en')}`, () => {
  bench(
    'set a PIN (hash with a fresh salt)',
    async () => {
      await hashPin('4829');
    },
    { iterations: 5, warmupIterations: 1 },
  );
  bench(
    'sign in (verify a PIN)',
    async () => {
      await verifyPin('4829', stored);
    },
    { iterations: 5, warmupIterations: 1 },
  );
});

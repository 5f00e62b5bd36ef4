/**
 * The fuzz suite's randomness: one seed decides every request (issue 13, item 8). Each request draws from
 * its own generator derived from the seed and its index, so a run is reproduced exactly by its seed
 * (`FUZZ_SEED`), whatever order the concurrent requests happen to finish in.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: small, fast, and good enough to pick test inputs. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number from `lo` to `hi`, both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  }

  /** A version-4 UUID from this generator (deterministic, unlike crypto's). */
  uuid(): string {
    const b = this.bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** An independent generator for the n-th request of a run. */
  static forRequest(seed: number, n: number): Rng {
    return new Rng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + 1, 0xc2b2ae35));
  }
}

/** Texts that have broken things elsewhere: NUL, halves of surrogate pairs, odd Unicode, injection. */
const HOSTILE_TEXTS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '\u202eevil',
  '\ufeff',
  '🙂'.repeat(50),
  'İ'.repeat(100),
  "' OR 1=1 --",
  '"; DROP TABLE complaints; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '__proto__',
  'constructor',
  'MSK-01-2026-100001',
  '0190c3a0-0000-7000-8000-000000000001',
  'a'.repeat(64),
  'a'.repeat(257),
  '\\u0000',
  '\r\n\r\nGET / HTTP/1.1',
];

const HOSTILE_NUMBERS = [-1, 0, 1, 1.5, -0, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, 4.9e-324];

export function hostileText(rng: Rng): string {
  if (rng.chance(0.08)) return rng.pick(['x', 'Ж', '\u0000', '🙂']).repeat(rng.int(5_000, 200_000));
  return rng.pick(HOSTILE_TEXTS);
}

/** Nesting `depth` levels deep, in arrays or objects. */
export function nested(depth: number, leaf: unknown = 1, inArrays = true): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = inArrays ? [value] : { a: value };
  return value;
}

/** Any JSON value a client could send where something else is expected. */
export function hostileValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(0, depth > 2 ? 5 : 8)) {
    case 0:
      return hostileText(rng);
    case 1:
      return rng.pick(HOSTILE_NUMBERS);
    case 2:
      return rng.pick([null, true, false]);
    case 3:
      return rng.pick(['2026-02-30T25:61:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z', 'yesterday']);
    case 4:
      return rng.uuid();
    case 5:
      return rng.pick([[], {}, '']);
    case 6:
      return Array.from({ length: rng.int(0, 4) }, () => hostileValue(rng, depth + 1));
    case 7:
      return Object.fromEntries(
        Array.from({ length: rng.int(1, 4) }, () => [
          rng.pick(['__proto__', 'constructor', 'x', hostileText(rng).slice(0, 40), 'id', 'type']),
          hostileValue(rng, depth + 1),
        ]),
      );
    default:
      return nested(rng.pick([33, 100, 1_000]), hostileText(rng), rng.chance(0.5));
  }
}

/**
 * A copy of `value` with one to three places changed: a value replaced by a hostile one, a field removed,
 * or a field added.
 */
export function mutate<T>(rng: Rng, value: T): T {
  const copy = structuredClone(value) as unknown;
  for (let n = rng.int(1, 3); n > 0; n--) {
    let node = copy as Record<string, unknown>;
    // Walk down a random path, then change something there.
    for (;;) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = rng.pick(keys);
      const child = node[key];
      if (child && typeof child === 'object' && rng.chance(0.7)) {
        node = child as Record<string, unknown>;
        continue;
      }
      const action = rng.int(0, 5);
      if (action === 0) delete node[key];
      else if (action === 1) node[`${key}_${rng.int(0, 9)}`] = hostileValue(rng);
      else node[key] = hostileValue(rng);
      break;
    }
  }
  return copy as T;
}

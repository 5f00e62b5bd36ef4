import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { v7 as uuidv7 } from 'uuid';
import { FileBlobStore } from '../../hq/blobs/fs-store';
import { MailWorker } from '../../hq/mail/worker';
import { smtpTransport, type MailTransport } from '../../hq/mail/transport';
import { HQ_PATHS, type PushOperation } from '../../shared/sync/protocol';
import { PRAGUE_DIRECTORY } from '../fixtures';
import { call, op, registration, type RunningHq, type TestDevice } from './harness';

/**
 * A real SMTP server on 127.0.0.1 (ephemeral port, no TLS) whose messages are parsed by a real MIME parser.
 * `down` makes it refuse connections with 421 (try later); `rejectRecipients` refuses addresses with 550.
 * `barrier(n)` holds every message until n are being delivered at once (concurrent senders proven).
 */
export async function startSmtp() {
  const received: ParsedMail[] = [];
  const state = { down: false, rejectRecipients: new Set<string>() };
  const waiters: Array<() => void> = [];
  let held: { size: number; release: Array<() => void>; done: (met: boolean) => void } | undefined;
  /** Resolves when this message may be accepted: at once, or when the barrier is met or gives up. */
  const atBarrier = () =>
    new Promise<void>((resolve) => {
      if (!held) return resolve();
      held.release.push(resolve);
      if (held.release.length >= held.size) held.done(true);
    });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      if (!state.down) return callback();
      const error = Object.assign(new Error('Service not available, try later'), { responseCode: 421 });
      callback(error);
    },
    onRcptTo(address, _session, callback) {
      if (!state.rejectRecipients.has(address.address)) return callback();
      callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          await atBarrier();
          received.push(mail);
          for (const w of waiters.splice(0)) w();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    state,
    /** Resolves once `n` messages have arrived (or rejects after `ms`). */
    async waitFor(n: number, ms = 15_000): Promise<void> {
      const until = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} messages, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    /**
     * From now on no message is accepted until `n` messages are in delivery at the same moment: then all go
     * through, and so does every later one. Resolves true when that happened, false when `ms` passed first
     * (the held messages are accepted then, so nothing hangs).
     */
    barrier(n: number, ms = 15_000): Promise<boolean> {
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => barrier.done(false), ms);
        const barrier = {
          size: n,
          release: [] as Array<() => void>,
          done(met: boolean) {
            clearTimeout(timer);
            if (held === barrier) held = undefined;
            for (const r of barrier.release.splice(0)) r();
            resolve(met);
          },
        };
        held = barrier;
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The branch directory the mail tests enroll with. */
export const DIRECTORY = PRAGUE_DIRECTORY;

export const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Distinct "JPEG" pages: a JPEG start marker and deterministic bytes. */
export function pageBytes(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  // 32-bit integer arithmetic (Math.imul): with plain multiplication the products pass 2^53, lose their
  // low bits, and different seeds gave the very same bytes (depending on the process id).
  let x = Math.imul(seed, 2654435761) >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  b[0] = 0xff;
  b[1] = 0xd8;
  return b;
}

let seeds = 0;

export interface SubmittedEntry {
  entryId: string;
  complaintNumber: string;
  pages: Buffer[];
  /** The batch as pushed (a test may push it again: a lost answer). */
  ops: PushOperation[];
}

/**
 * What the branch app pushes for a feedback-book entry: the complaint, a page.add per page, the submit.
 * Photos are uploaded separately (`uploadPages`), as the branch does.
 */
export async function pushEntry(
  hq: RunningHq,
  device: TestDevice,
  /** `deadline`: what the branch claims (its own calendar); by default the capture moment, which HQ ignores. */
  options: { pages?: number; capturedAt?: Date; seed?: number; deadline?: string } = {},
): Promise<SubmittedEntry> {
  const capturedAt = options.capturedAt ?? new Date();
  const iso = capturedAt.toISOString();
  const reg = registration(device.branchCode, capturedAt);
  reg.complaint.description = 'Zákazník čekal 40 minut u pokladny';
  const entryId = uuidv7();
  const header = {
    id: entryId,
    branchCode: device.branchCode,
    capturedAt: iso,
    capturedBy: 'Olga',
    deadline: options.deadline ?? iso,
  };
  const pages = Array.from({ length: options.pages ?? 2 }, (_, i) =>
    pageBytes(20_000 + i * 1000, (options.seed ?? ++seeds + process.pid) * 100 + i),
  );
  const ops = [
    op(device, 'complaint.register', reg),
    ...pages.map((bytes, i) =>
      op(device, 'book.page.add', {
        entry: header,
        page: {
          id: uuidv7(),
          entryId,
          pageNo: i + 1,
          sha256: sha(bytes),
          sourceSha256: sha(bytes),
          mime: 'image/jpeg',
          size: bytes.length,
          width: 2000,
          height: 1500,
          source: 'camera',
          capturedAt: iso,
          capturedBy: 'Olga',
        },
      }),
    ),
    op(device, 'book.entry.submit', {
      entry: {
        ...header,
        complaintId: reg.complaint.id,
        complaintNumber: reg.complaint.number,
        submittedAt: iso,
        pageHashes: pages.map(sha),
      },
    }),
  ];
  const res = await call(hq, device, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops }) });
  if (res.status !== 200) throw new Error(`push: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { results: Array<{ outcome: string; reason?: string }> };
  const bad = body.results.find((r) => r.outcome !== 'applied');
  if (bad) throw new Error(`push rejected: ${bad.reason}`);
  return { entryId, complaintNumber: reg.complaint.number, pages, ops };
}

export async function uploadPages(hq: RunningHq, device: TestDevice, pages: Buffer[]): Promise<void> {
  for (const bytes of pages) {
    const res = await call(hq, device, HQ_PATHS.photo(sha(bytes)), {
      method: 'PUT',
      body: new Uint8Array(bytes),
    });
    if (res.status !== 201 && res.status !== 200) throw new Error(`photo: ${res.status}`);
  }
}

export function workerFor(
  hq: RunningHq,
  transport: MailTransport,
  clock?: () => Date,
  leaseMs = 60_000,
): MailWorker {
  return new MailWorker({
    pool: hq.db.pool,
    blobs: new FileBlobStore(join(hq.dataDir, 'photos')),
    transport,
    leaseMs,
    clock,
  });
}

export const smtpTo = (url: string) => smtpTransport(url, 'Otklik <otklik@hq.example.com>');

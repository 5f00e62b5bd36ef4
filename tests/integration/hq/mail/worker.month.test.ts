import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileBlobStore } from '../../../../hq/blobs/fs-store';
import { placeSubmittedPages } from '../../../../hq/book/pages';
import { updateDirectory } from '../../../../hq/branches/directory';
import { inTransaction } from '../../../../hq/db/database';
import { enqueueBookMail } from '../../../../hq/mail/queue';
import type { MailTransport } from '../../../../hq/mail/transport';
import { MailWorker } from '../../../../hq/mail/worker';
import { bookPhotoDeadline } from '../../../../shared/deadlines';
import { startHq, type RunningHq } from '../../harness';

/**
 * R7 over a whole simulated month: three branches (RU, CZ, KR time zones), entries at random moments, photos
 * arriving late when a branch is offline, random SMTP outages. The real database and worker run on a
 * simulated clock that jumps from event to event (captures, photo arrivals, retry times, deadlines, outage
 * edges) — no sleeps. Claim: every entry whose photos reached HQ before its deadline is mailed before it,
 * unless SMTP was down from the photos' arrival until the deadline's last minute.
 */
const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Date.parse('2026-03-01T00:00:00Z');
const END = START + 31 * 24 * HOUR;

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BRANCHES = [
  { code: 'SIM-RU', country: 'RU', timeZone: 'Europe/Moscow', language: 'ru' },
  { code: 'SIM-CZ', country: 'CZ', timeZone: 'Europe/Prague', language: 'cs' },
  { code: 'SIM-KR', country: 'KR', timeZone: 'Asia/Seoul', language: 'ko' },
] as const;

interface SimEntry {
  id: string;
  branchId: number;
  capturedAt: number;
  deadline: number;
  pages: Array<{ sha: string; bytes: Buffer; arrivesAt: number }>;
}

describe('a month of feedback-book mail on a simulated clock (postgresql)', () => {
  let hq: RunningHq;
  beforeAll(async () => {
    hq = await startHq('postgresql');
  });
  afterAll(async () => hq?.close());

  it('every entry whose photos reached HQ in time is mailed on time; late ones escalated once', async () => {
    const random = prng(20260301);
    const blobs = new FileBlobStore(join(hq.dataDir, 'photos'));
    await blobs.init();
    const branchIds: number[] = [];
    for (const b of BRANCHES) {
      await updateDirectory(hq.db.pool, {
        ...b,
        name: b.code,
        managerName: 'M',
        managerEmail: `manager@${b.code.toLowerCase()}.example.com`,
        headOfSalesName: 'H',
        headOfSalesEmail: 'head@example.com',
      });
      const { rows } = await hq.db.pool.query<{ id: number }>('SELECT id FROM branches WHERE code = $1', [
        b.code,
      ]);
      branchIds.push(rows[0]!.id);
    }

    // Outages: 20 non-overlapping windows of 5 min to 5 h.
    const outages: Array<[number, number]> = [];
    for (let t = START + random() * 24 * HOUR; outages.length < 20 && t < END;) {
      const length = 5 * MIN + random() * 5 * HOUR;
      outages.push([t, t + length]);
      t += length + 2 * HOUR + random() * 48 * HOUR;
    }
    const down = (t: number) => outages.some(([a, b]) => t >= a && t < b);

    // Entries: ~3 a day per branch; photos mostly at once, some after hours or days offline.
    const entries: SimEntry[] = [];
    for (let i = 0; i < 280; i++) {
      const branch = Math.floor(random() * BRANCHES.length);
      const capturedAt = START + Math.floor(random() * (END - START - 4 * 24 * HOUR));
      const b = BRANCHES[branch]!;
      const deadline = bookPhotoDeadline(new Date(capturedAt), b).getTime();
      const r = random();
      const delay =
        r < 0.7
          ? random() * 2 * MIN
          : r < 0.9
            ? HOUR + random() * 20 * HOUR
            : 20 * HOUR + random() * 52 * HOUR;
      const pages = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, p) => {
        const bytes = Buffer.from(`entry ${i} page ${p} ${random()}`);
        return {
          sha: createHash('sha256').update(bytes).digest('hex'),
          bytes,
          arrivesAt: capturedAt + delay + p * 5_000,
        };
      });
      entries.push({ id: uuidv7(), branchId: branchIds[branch]!, capturedAt, deadline, pages });
    }

    let now = START;
    const sent = new Map<string, number>();
    const transport: MailTransport = {
      description: 'simulated SMTP',
      async send(mail) {
        if (down(now)) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' });
        sent.set(mail.messageId, (sent.get(mail.messageId) ?? 0) + 1);
        return { to: mail.to.map((p) => p.address), cc: mail.cc.map((p) => p.address) };
      },
      close() {},
    };
    const worker = new MailWorker({
      pool: hq.db.pool,
      blobs,
      transport,
      leaseMs: 10 * MIN,
      clock: () => new Date(now),
    });

    const captures = [...entries].sort((a, b) => a.capturedAt - b.capturedAt);
    const arrivals = entries
      .flatMap((e) => e.pages.map((p) => ({ ...p, entry: e })))
      .sort((a, b) => a.arrivesAt - b.arrivesAt);
    const edges = outages.flat();
    let ci = 0;
    let ai = 0;
    let rounds = 0;
    const log = console.log;
    const error = console.error;
    console.log = console.error = () => {};
    const started = Date.now();
    try {
      while (now < END) {
        while (ci < captures.length && captures[ci]!.capturedAt <= now) {
          const e = captures[ci++]!;
          await inTransaction(hq.db.pool, async (client) => {
            await client.query(
              `INSERT INTO book_entries (id, branch_id, state, captured_at, captured_by, deadline, complaint_number,
                 submitted_at, version)
               VALUES ($1, $2, 'submitted', $3, 'Sim', $4, NULL, $3, 1)`,
              [e.id, e.branchId, new Date(e.capturedAt).toISOString(), new Date(e.deadline).toISOString()],
            );
            await placeSubmittedPages(
              client,
              e.id,
              e.pages.map((p) => p.sha),
            );
            await enqueueBookMail(
              client,
              { entryId: e.id, branchId: e.branchId, capturedAt: new Date(e.capturedAt).toISOString() },
              new Date(now),
            );
          });
        }
        while (ai < arrivals.length && arrivals[ai]!.arrivesAt <= now) {
          const p = arrivals[ai++]!;
          await blobs.put(p.sha, Readable.from([p.bytes]), { maxBytes: 1 << 20 });
          await hq.db.pool.query(
            'INSERT INTO photos (sha256, size, stored_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
            [p.sha, p.bytes.length, new Date(now).toISOString()],
          );
          // Uploaded by the entry's own branch: only that counts for its mail (issue 13, migration 007).
          await hq.db.pool.query(
            'INSERT INTO branch_photos (branch_id, sha256, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
            [p.entry.branchId, p.sha, new Date(now).toISOString()],
          );
        }
        await worker.runOnce();
        rounds += 1;
        const { rows } = await hq.db.pool.query<{ retry: string | null; deadline: string | null }>(
          `SELECT (SELECT min(next_attempt_at) FROM mail_outbox WHERE status = 'pending' AND next_attempt_at > $1) AS retry,
                  (SELECT min(deadline) FROM mail_outbox WHERE status <> 'sent' AND deadline > $1) AS deadline`,
          [new Date(now).toISOString()],
        );
        const candidates = [
          captures[ci]?.capturedAt,
          arrivals[ai]?.arrivesAt,
          rows[0]?.retry ? Date.parse(rows[0].retry) : undefined,
          rows[0]?.deadline ? Date.parse(rows[0].deadline) : undefined,
          edges.find((t) => t > now),
          END,
        ].filter((t): t is number => t !== undefined && t > now);
        now = Math.min(...candidates);
      }
    } finally {
      console.log = log;
      console.error = error;
    }

    const { rows } = await hq.db.pool.query<{
      entry_id: string;
      kind: string;
      status: string;
      sent_at: string | null;
      on_time: boolean | null;
    }>('SELECT entry_id, kind, status, sent_at, on_time FROM mail_outbox');
    const job = new Map(rows.filter((r) => r.kind === 'book_entry').map((r) => [r.entry_id, r]));
    const escalations = new Map(rows.filter((r) => r.kind === 'escalation').map((r) => [r.entry_id, r]));
    let eligible = 0;
    let eligibleOnTime = 0;
    const missed: string[] = [];
    for (const e of entries) {
      const arrived = Math.max(...e.pages.map((p) => p.arrivesAt));
      const j = job.get(e.id)!;
      expect(j.status).toBe('sent'); // everything goes out eventually
      const inTime =
        arrived < e.deadline &&
        (!down(arrived) || !outages.some(([a, b]) => a < e.deadline && b > e.deadline - MIN));
      if (inTime) {
        eligible += 1;
        if (j.on_time) eligibleOnTime += 1;
        else
          missed.push(
            `${e.id} arrived ${new Date(arrived).toISOString()} deadline ${new Date(e.deadline).toISOString()} sent ${j.sent_at}`,
          );
      }
      // R11: escalated exactly when it was not sent by the deadline.
      expect(escalations.has(e.id)).toBe(!j.on_time);
    }
    expect([...sent.values()].every((n) => n === 1)).toBe(true);
    const onTime = rows.filter((r) => r.kind === 'book_entry' && r.on_time).length;
    log(
      `[mail] month simulation: ${entries.length} entries, ${outages.length} SMTP outages, ${rounds} worker rounds in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `on time ${onTime}/${entries.length} (${((100 * onTime) / entries.length).toFixed(1)} %); ` +
        `photos in time ${eligible}, of them on time ${eligibleOnTime} (${((100 * eligibleOnTime) / eligible).toFixed(1)} %); escalations ${escalations.size}`,
    );
    expect(missed).toEqual([]);
  }, 240_000);
});

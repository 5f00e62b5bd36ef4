import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEmbeddedDatabase } from '../../../../hq/db/embedded';
import { migrate } from '../../../../hq/db/migrate';
import { MIGRATIONS } from '../../../../hq/db/migrations';
import { consoleSearchQuery } from '../../../../shared/console/search';
import { DATABASE_KINDS, droppedIdleClient, registration } from '../../harness';

/**
 * Issue 14: migration 005 fills the console's columns of the complaints an older HQ already has — the
 * assessment, the next due moment and the search words — in the same transaction, so the register and its
 * search work on old data from the first start.
 */
describe.each(DATABASE_KINDS)('migration 005 (and 015) on %s', (kind) => {
  let pool: pg.Pool;
  let close: () => Promise<void>;
  const old = registration('OLD-01', new Date('2026-03-02T09:00:00Z'));
  old.complaint.description = 'Příliš žluťoučký kůň';
  old.complaint.severity = 'critical';
  old.complaint.healthAndSafety = true;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otklik-m005-'));
    let stop: () => Promise<void>;
    if (kind === 'pglite') {
      const embedded = await startEmbeddedDatabase(dir);
      pool = new pg.Pool({ ...embedded.connection, max: 1 });
      pool.on('error', droppedIdleClient);
      stop = () => embedded.close();
    } else {
      const admin = inject('postgresUrl');
      const name = `m005_${randomUUID().replaceAll('-', '')}`;
      const c = new pg.Client(admin);
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      const u = new URL(admin);
      u.pathname = `/${name}`;
      pool = new pg.Pool({ connectionString: u.toString(), max: 1 });
      pool.on('error', droppedIdleClient);
      stop = async () => {
        const d = new pg.Client(admin);
        await d.connect();
        await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await d.end();
      };
    }
    close = async () => {
      await pool.end();
      await stop();
      rmSync(dir, { recursive: true, force: true });
    };
    await migrate(
      pool,
      MIGRATIONS.filter((m) => m.id < '005'),
    );
    // What HQ 004 stored for a registered complaint.
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO branches (code, name, country, time_zone) VALUES ('OLD-01', 'Old', 'CZ', 'Europe/Prague') RETURNING id`,
    );
    const c = old.complaint;
    await pool.query(
      `INSERT INTO complaints (id, branch_id, number, status, channel, confidential, received_at, registered_at,
         updated_at, record, version) VALUES ($1, $2, $3, $4, $5, false, $6, $6, $6, $7, 1)`,
      [c.id, rows[0]!.id, c.number, c.status, c.channel, c.receivedAt, JSON.stringify(c)],
    );
  });
  afterAll(async () => close?.());

  it('fills the columns of the complaints already there', async () => {
    expect(
      await migrate(
        pool,
        MIGRATIONS.filter((m) => m.id < '006'),
      ),
    ).toEqual(['005_people_console']);
    const { rows } = await pool.query(
      `SELECT category, severity, health_safety, escalated, owner_id, next_due_at, next_due_kind, due_soon_at,
              due_sort = next_due_at AS sorted, search @@ $2::tsquery AS found
         FROM complaints WHERE id = $1`,
      [old.complaint.id, consoleSearchQuery('zlutoucky')],
    );
    expect(rows[0]).toMatchObject({
      category: 'delivery',
      severity: 'critical',
      health_safety: true,
      escalated: false,
      owner_id: null,
      next_due_kind: 'final_answer',
      next_due_at: expect.stringMatching(/^2026-03-1\d/),
      due_soon_at: expect.any(String),
      sorted: true,
      found: true,
    });
  });

  it('migration 015 fills since when a compensation waits for approval (R16, issue 15)', async () => {
    await migrate(
      pool,
      MIGRATIONS.filter((m) => m.id < '015'),
    );
    const decidedAt = '2026-03-05T10:00:00.000Z';
    const compensation = {
      id: '0193b8a0-0000-7000-8000-0000000000c1',
      amount: { amountMinor: 900_000, currency: 'CZK' },
      form: 'refund',
      approval: 'pending',
      decidedAt,
    };
    await pool.query(
      `UPDATE complaints SET record = jsonb_set(record, '{progress,compensation}', $2::jsonb) WHERE id = $1`,
      [old.complaint.id, JSON.stringify(compensation)],
    );
    expect(await migrate(pool)).toContain('015_approval_pending');
    const { rows } = await pool.query<{ since: string | null }>(
      'SELECT approval_pending_since AS since FROM complaints WHERE id = $1',
      [old.complaint.id],
    );
    expect(rows[0]!.since).toBe(decidedAt);
  });
});

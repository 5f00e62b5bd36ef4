import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDocumentSource } from '../../../../shared/console/documents';
import { CONSOLE_PATHS, complaintDetailSchema } from '../../../../shared/console/protocol';
import { recourseRoutesToExplain } from '../../../../shared/handling/recourse';
import { resolvedPolicyOf } from '../../../../shared/settings/directory';
import { withSettingsDefaults } from '../../../../shared/settings/workstation';
import { HQ_PATHS, pullResponseSchema } from '../../../../shared/sync/protocol';
import { consoleUser, type ConsoleClient } from '../../console-client';
import {
  call,
  DATABASE_KINDS,
  enroll,
  op,
  registration,
  startHq,
  type RunningHq,
  type TestDevice,
} from '../../harness';
import { event, eventOp, push } from '../complaints/handling';

/**
 * R17, R10 (issue 15): recourse routes configured at HQ — the company's for a country, a branch's own —
 * are checked and bounded, audited, come down with pull, are what the branch shows, and a configured
 * route's id is recorded when explained.
 */
describe.each(DATABASE_KINDS)('recourse routes from HQ on %s', (kind) => {
  let hq: RunningHq;
  let admin: ConsoleClient;
  let pc: TestDevice;
  const code = `RC${kind === 'pglite' ? 'L' : 'P'}-01`;
  const own = {
    id: 'cz_ombudsman',
    kind: 'mediation',
    officialName: 'Kancelář veřejného ochránce práv',
    text: { cs: 'Veřejný ochránce práv', ru: 'Уполномоченный по правам человека' },
  };
  beforeAll(async () => {
    hq = await startHq(kind);
    pc = await enroll(hq, code, { country: 'CZ', timeZone: 'Europe/Prague', language: 'cs' });
    admin = await consoleUser(hq, 'admin');
  });
  afterAll(async () => hq?.close());

  const directory = async () => {
    const res = await call(hq, pc, `${HQ_PATHS.pull}?cursor=0`);
    expect(res.status).toBe(200);
    const change = pullResponseSchema.parse(await res.json()).changes.find((c) => c.kind === 'branch');
    if (change?.kind !== 'branch') throw new Error('no directory entry pulled');
    return change.branch;
  };

  it('refuses a route of its own without words, and too many routes', async () => {
    const put = (layer: unknown) =>
      admin.call(CONSOLE_PATHS.companyPolicy, { method: 'PUT', json: { layer } });
    expect((await put({ recourse: { CZ: [{ id: 'cz_own', kind: 'mediation' }] } })).status).toBe(400);
    const many = Array.from({ length: 11 }, (_, i) => ({ ...own, id: `r_${i}` }));
    expect((await put({ recourse: { CZ: many } })).status).toBe(400);
  });

  it('a route set at HQ comes down with pull, is what the branch shows, and is recorded', async () => {
    const res = await admin.call(CONSOLE_PATHS.companyPolicy, {
      method: 'PUT',
      json: { layer: { recourse: { CZ: [{ id: 'internal_appeal', kind: 'internal' }, own] } } },
    });
    expect(res.status).toBe(200);
    const branch = await directory();
    const settings = withSettingsDefaults({ country: 'CZ', language: 'cs', timeZone: 'Europe/Prague' });
    const table = resolvedPolicyOf(settings, branch).recourse;
    const routes = recourseRoutesToExplain('CZ', 'rejected', undefined, table);
    expect(routes.map((r) => r.id)).toEqual(['internal_appeal', 'cz_ombudsman']);
    expect(routes[1]!.text).toEqual(own.text);

    // A branch layer wins over the company's for its branch.
    const mine = await admin.call(CONSOLE_PATHS.branchPolicy(code), {
      method: 'PUT',
      json: { layer: { recourse: { CZ: [{ id: 'cz_coi', kind: 'authority', officialName: 'ČOI' }] } } },
    });
    expect(mine.status).toBe(200);
    const after = await directory();
    expect(resolvedPolicyOf(settings, after).recourse.CZ.map((r) => r.id)).toEqual(['cz_coi']);

    // The branch records the configured route it explained; HQ accepts its id.
    const reg = registration(code);
    const id = reg.complaint.id;
    const explained = event(id, 'recourse_explained', {
      routes: ['internal_appeal', 'cz_ombudsman'],
      country: 'CZ',
      language: 'ru',
    });
    const results = await push(hq, pc, [op(pc, 'complaint.register', reg), eventOp(pc, explained)]);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    const stored = await hq.db.pool.query<{ data: { routes: string[] } }>(
      'SELECT data FROM complaint_events WHERE id = $1',
      [explained.id],
    );
    expect(stored.rows[0]!.data.routes).toEqual(['internal_appeal', 'cz_ombudsman']);

    // The console's documents name the same routes: HQ's complaint page carries the branch's routes.
    const head = await consoleUser(hq, 'head_of_sales');
    const page = await head.call(CONSOLE_PATHS.complaint(id));
    expect(page.status).toBe(200);
    const detail = complaintDetailSchema.parse(await page.json());
    expect(detail.branch.recourse?.CZ?.map((r) => r.id)).toEqual(['cz_coi']);
    const source = consoleDocumentSource(detail, new Date());
    expect(source.recourseTable?.CZ.map((r) => r.id)).toEqual(['cz_coi']);
    expect(source.recourseTable?.RU.map((r) => r.id)).toEqual(
      resolvedPolicyOf(settings, after).recourse.RU.map((r) => r.id),
    );

    const audit = await hq.db.pool.query<{ action: string }>(
      `SELECT action FROM admin_audit WHERE action LIKE 'policy.%' ORDER BY id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['policy.company', 'policy.branch']);
  });
});

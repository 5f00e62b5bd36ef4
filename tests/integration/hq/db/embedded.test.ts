import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { complaintsAtHq, embeddedHq, enrollDevice, pushComplaints } from '../../embedded-hq';

/**
 * Issue 13, items 1, 3 and 5 with real processes: the production bundle of HQ on its embedded database.
 * Two `serve` (or `serve` + `mail-worker`) on one DATA_DIR used to both start and lose confirmed complaints.
 */

describe('HQ on its embedded database, as processes', { timeout: 240_000 }, () => {
  const suite = embeddedHq();

  it('a second HQ or mail worker on the same directory is refused at once; the first serves on, nothing lost', async () => {
    const dir = suite.dataDir({ migrated: true });
    const first = await suite.start(dir).ready();
    const device = await enrollDevice(suite, first, dir, 'EMB-01');
    let confirmed = await pushComplaints(first, device, 40);

    const second = suite.start(dir);
    const pushing = pushComplaints(first, device, 40); // while the second one tries
    expect(await second.exited).toBe(1);
    expect(second.output).toContain(`in use by process ${first.child.pid} (\`serve\``);
    expect(second.output).toMatch(/use PostgreSQL \(DATABASE_URL\)/);
    const worker = await suite.cli(dir, 'mail-worker');
    expect(worker.status).toBe(1);
    expect(worker.stderr).toContain(`in use by process ${first.child.pid}`);
    confirmed += await pushing;
    confirmed += await pushComplaints(first, device, 40);
    expect(confirmed).toBe(120);
    expect(await complaintsAtHq(first, device)).toBe(120);

    // Killed without a chance to clean up: its lock must not keep the next start out.
    await first.kill('SIGKILL');
    const again = await suite.start(dir).ready();
    expect(await complaintsAtHq(again, device)).toBe(120);
    await again.kill('SIGTERM');
    expect(existsSync(join(dir, 'hq-embedded.lock'))).toBe(false);
  });
});

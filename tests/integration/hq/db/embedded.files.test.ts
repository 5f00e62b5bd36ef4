import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pushEntry, uploadPages } from '../../mail-fixtures';
import { at, embeddedHq, enrollDevice } from '../../embedded-hq';

/**
 * Issue 13, items 1, 3 and 5 with real processes: the production bundle of HQ on its embedded database.
 * The database was served on a loopback port to anyone, its address in a world-readable file; photos and
 * e-mails were 0644.
 */
const mode = (path: string) => statSync(path).mode & 0o777;

describe('HQ on its embedded database, as processes', { timeout: 240_000 }, () => {
  const suite = embeddedHq();

  it('the database is reachable only by HQ’s user: a private socket, no address file; data 0700, files 0600', async () => {
    const dir = suite.dataDir();
    const hq = await suite.start(dir, { HQ_FAULTS: '' }).ready();
    const lock = JSON.parse(readFileSync(join(dir, 'hq-embedded.lock'), 'utf8')) as { socketDir: string };
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'hq-embedded.lock'))).toBe(0o600);
    expect(mode(lock.socketDir)).toBe(0o700);
    expect(mode(join(lock.socketDir, '.s.PGSQL.5432'))).toBe(0o600);
    expect(statSync(join(lock.socketDir, '.s.PGSQL.5432')).isSocket()).toBe(true);
    expect(readdirSync(dir)).not.toContain('hq-embedded-db.json');

    // A feedback-book entry: its photos and its e-mail (.eml, no SMTP configured) are private too.
    const device = await enrollDevice(suite, hq, dir, 'EMB-02');
    const entry = await pushEntry(at(hq), device, { pages: 2 });
    await uploadPages(at(hq), device, entry.pages);
    await hq.waitFor(/mail: wrote (\S+\.eml)/, 30_000);
    const eml = /mail: wrote (\S+\.eml)/.exec(hq.output)![1]!;
    expect(mode(eml)).toBe(0o600);
    expect(mode(join(dir, 'mail'))).toBe(0o700);
    const photos = readdirSync(join(dir, 'photos'), { recursive: true, withFileTypes: true });
    const files = photos.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    expect(files).toHaveLength(2);
    for (const f of files) expect(mode(f)).toBe(0o600);
    for (const d of photos.filter((e) => e.isDirectory()))
      expect(mode(join(d.parentPath, d.name))).toBe(0o700);
  });
});

import type { BrowserContext, Page } from '@playwright/test';
import pg from 'pg';
import { expect, test } from '@playwright/test';
import { MOSCOW, setUpWorkstation, signIn, text, waitForOfflineShell } from '../fixtures';
import { HqProcess, hqPort } from '../hq';
import { E2E_PORT } from '../../../playwright.config';
import type { Rng } from '../../integration/hq/fuzz/random';
import { startPostgres } from '../../postgres.mjs';
import { FaultProxy } from './proxy';
import { ChaosSmtp } from './smtp';

const ru = (ns: string, key: string) => text('ru', ns, key);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ports of a chaos run: the branch talks to the proxy on its worker's HQ port (the one the page's CSP
 * allows, tests/e2e/hq.ts); HQ and SMTP sit behind it on two ports of the worker's own, past the HQ ports.
 */
const hqRealPort = () => E2E_PORT + 4 + 2 * test.info().parallelIndex;
const smtpPort = () => E2E_PORT + 5 + 2 * test.info().parallelIndex;

/** What the branch confirmed to the person at the counter: the model HQ is checked against. */
export interface ConfirmedComplaint {
  number: string;
  url: string;
  status: 'registered' | 'in_review' | 'decided';
  notes: string[];
}

export interface ConfirmedEntry {
  number: string;
  pages: string[];
}

export interface Model {
  complaints: ConfirmedComplaint[];
  entries: ConfirmedEntry[];
}

/**
 * Issue 20: one chaos run's world — HQ as a real process on PGlite behind the fault proxy, a real SMTP
 * server, and the branch app in Chromium (one or two windows of one workstation).
 */
let cluster: ReturnType<typeof startPostgres> | undefined;
let databases = 0;

/** A database of its own for this run, on one private PostgreSQL cluster per test worker. */
async function postgresDatabase(): Promise<{ url: string; restart: () => void }> {
  cluster ??= startPostgres().then((c) => {
    process.once('exit', () => c.stop());
    return c;
  });
  const c = await cluster;
  const name = `chaos_${process.pid}_${++databases}`;
  const admin = new pg.Client({ connectionString: c.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(c.url);
  url.pathname = `/${name}`;
  return { url: url.toString(), restart: c.restart };
}

export class World {
  hq = new HqProcess(hqRealPort());
  /** The HQ address the branch is given: the fault proxy's. */
  readonly hqUrl = `http://127.0.0.1:${hqPort()}`;
  /** Set when HQ runs on PostgreSQL: crashes the cluster and starts it again. */
  restartPostgres: (() => void) | undefined;
  readonly smtp = new ChaosSmtp(smtpPort());
  readonly proxy: FaultProxy;
  readonly windows: Page[] = [];
  readonly model: Model = { complaints: [], entries: [] };
  readonly pageErrors: string[] = [];
  offline = false;
  kills = 0;
  hq500Windows = 0;
  /** HQ's kills and restarts run beside the actions, one after another. */
  private hqChain: Promise<void> = Promise.resolve();
  private hqFailure: unknown;

  constructor(
    readonly context: BrowserContext,
    first: Page,
    rng: Rng,
    readonly log: (line: string) => void,
  ) {
    this.proxy = new FaultProxy(hqPort(), this.hq.port, rng);
    this.watch(first);
    this.windows.push(first);
  }

  /**
   * A mail job a killed HQ had claimed waits out its lease before another round takes it up: 10 minutes in
   * production (the deadline is the next working day), 5 s here, so a run settles within its window.
   */
  private get hqEnv(): Record<string, string> {
    return { SMTP_URL: this.smtp.url, MAIL_POLL_MS: '300', MAIL_LEASE_MS: '5000' };
  }

  private watch(page: Page): void {
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
    page.on('dialog', (d) => void d.accept());
  }

  async start(postgres = false): Promise<void> {
    const page = this.windows[0]!;
    if (postgres) {
      const db = await postgresDatabase();
      this.hq = new HqProcess(this.hq.port, { DATABASE_URL: db.url });
      this.restartPostgres = db.restart;
    }
    // HQ starts while the workstation's first run is done (CI time, issue 17).
    const [code] = await Promise.all([
      (async () => {
        await Promise.all([this.smtp.start(), this.proxy.start(), this.hq.start('', this.hqEnv)]);
        return this.hq.enroll(
          MOSCOW.branchCode,
          '--manager-name',
          'Ирина Смирнова',
          '--manager-email',
          'manager@example.ru',
          '--head-of-sales-email',
          'sales@example.ru',
        );
      })(),
      setUpWorkstation(page),
    ]);
    await page.goto('/#/settings');
    const form = page.getByRole('form', { name: ru('sync', 'connect.title') });
    await form.getByLabel(ru('sync', 'connect.hqUrl')).fill(this.hqUrl);
    await form.getByLabel(ru('sync', 'connect.code')).fill(code.toLowerCase());
    await form.getByRole('button', { name: ru('sync', 'connect.submit'), exact: true }).click();
    await expect(page.getByTestId('hq-connected')).toContainText(MOSCOW.branchCode);
    await waitForOfflineShell(page);
  }

  private disposed: Promise<void> | undefined;

  /** Everything stopped and removed; again is a no-op (the spec calls it after a test that timed out). */
  dispose(): Promise<void> {
    this.disposed ??= this.disposeOnce();
    return this.disposed;
  }

  private async disposeOnce(): Promise<void> {
    await this.hqChain.catch(() => undefined);
    await Promise.all([this.hq.dispose(), this.proxy.close(), this.smtp.close()]);
  }

  /** SIGKILL HQ after `afterMs`, start it again `downMs` later (answering 500 for `fail500Ms` if set). */
  killHq(afterMs: number, downMs: number, fail500Ms: number): void {
    this.hqChain = this.hqChain.then(async () => {
      await sleep(afterMs);
      await this.hq.kill();
      this.kills++;
      this.log(`HQ killed (SIGKILL)`);
      await sleep(downMs);
      if (fail500Ms) this.hq500Windows++;
      await this.hq.start(fail500Ms ? `fail500.ms=${fail500Ms}` : '', this.hqEnv).catch((e: unknown) => {
        this.hqFailure = e;
      });
      this.log(`HQ restarted${fail500Ms ? `, answering 500 for ${fail500Ms} ms` : ''}`);
    });
  }

  /** HQ is up again after every kill; a restart that failed is a finding of its own. */
  async hqSettled(): Promise<void> {
    await this.hqChain;
    if (this.hqFailure) throw this.hqFailure;
  }

  /** How far the branch's clock is off (Playwright's clock, in every window of the workstation). */
  clockOffsetMs = 0;

  async jumpClock(minutes: number): Promise<void> {
    this.clockOffsetMs += minutes * 60_000;
    await this.context.clock.setSystemTime(Date.now() + this.clockOffsetMs);
    const seen = await this.windows[0]!.evaluate(() => Date.now()).catch(() => Date.now());
    this.log(`  the branch's clock is ${Math.round((seen - Date.now()) / 60_000)} min off`);
  }

  /** The clock right again, before settling. */
  async resetClock(): Promise<void> {
    if (!this.clockOffsetMs) return;
    this.clockOffsetMs = 0;
    await this.context.clock.setSystemTime(Date.now());
  }

  async setOffline(offline: boolean): Promise<void> {
    this.offline = offline;
    await this.context.setOffline(offline);
  }

  async openSecondWindow(): Promise<Page> {
    const page = await this.context.newPage();
    this.watch(page);
    this.windows.push(page);
    await page.goto('/#/complaints');
    await this.ensureSignedIn(page);
    return page;
  }

  /** After a reload the workstation may ask who is at the counter (a lock): the same person signs in. */
  async ensureSignedIn(page: Page): Promise<void> {
    const signedIn = page.getByTestId('signed-in-name');
    const screen = page.getByTestId('sign-in');
    await expect(signedIn.or(screen)).toBeVisible({ timeout: 20_000 });
    if (await screen.isVisible()) await signIn(page, MOSCOW.employeeName, MOSCOW.pin);
  }

  async reload(page: Page): Promise<void> {
    await page.reload();
    await this.ensureSignedIn(page);
  }

  /** An in-person complaint with no contacts. Undefined: reloaded before the number was shown. */
  async register(page: Page, tag: string, reloadMidway: boolean): Promise<ConfirmedComplaint | undefined> {
    await page.goto('/#/complaints/new');
    await page.getByRole('radio', { name: ru('complaints', 'channel.in_person') }).check();
    await page.getByLabel(ru('complaints', 'fields.noContactReason')).fill('Клиент не оставил контакты');
    await page.getByLabel(ru('complaints', 'fields.description')).fill(`Жалоба ${tag}`);
    await page.getByRole('button', { name: ru('complaints', 'form.submit') }).click();
    if (reloadMidway) return void (await this.reload(page));
    const number = page.getByTestId('complaint-number');
    await expect(number).toHaveText(/^MSK-01-\d{4}-1\d{5}$/);
    const c: ConfirmedComplaint = {
      number: (await number.textContent())!,
      url: new URL(page.url()).hash,
      status: 'registered',
      notes: [],
    };
    this.model.complaints.push(c);
    return c;
  }

  async note(page: Page, c: ConfirmedComplaint, tag: string, reloadMidway: boolean): Promise<boolean> {
    await page.goto(`/${c.url}`);
    await expect(page.getByTestId('complaint-status')).toBeVisible();
    await page.locator('#note-text').fill(`Дополнение ${tag}`);
    await page.getByRole('button', { name: ru('complaints', 'detail.saveNote') }).click();
    if (reloadMidway) {
      await this.reload(page);
      return false;
    }
    await expect(page.getByTestId('history-event').filter({ hasText: tag })).toHaveCount(1);
    c.notes.push(tag);
    return true;
  }

  async startReview(page: Page, c: ConfirmedComplaint): Promise<void> {
    await page.goto(`/${c.url}`);
    await page.getByTestId('step-start_review').click();
    await expect(page.getByTestId('complaint-status')).toHaveText(ru('complaints', 'status.in_review'));
    c.status = 'in_review';
  }

  async decide(page: Page, c: ConfirmedComplaint): Promise<void> {
    await page.goto(`/${c.url}`);
    await page.getByTestId('step-decide').click();
    await page.getByRole('radio', { name: ru('lifecycle', 'outcome.rejected') }).check();
    await page.getByLabel(ru('lifecycle', 'decision.justification')).fill('Повреждение корпуса, акт № 45');
    await page.getByLabel(ru('lifecycle', 'decision.alternative')).fill('Платный ремонт со скидкой');
    await page.getByRole('button', { name: ru('lifecycle', 'decision.save') }).click();
    await expect(page.getByTestId('complaint-status')).toHaveText(ru('complaints', 'status.decided'));
    c.status = 'decided';
  }

  /**
   * A feedback-book entry: pages from the fake camera and imported files, perhaps one removed again, then
   * saved with a new complaint. Undefined: reloaded before it was saved.
   */
  async bookEntry(
    page: Page,
    rng: Rng,
    o: { camera: number; imports: number; removeOne: boolean; reloadMidway: boolean; tag: string },
  ): Promise<ConfirmedEntry | undefined> {
    await page.goto('/#/book/new');
    const thumbs = page.getByTestId('page-thumb');
    let count = 0;
    const camera = o.camera + o.imports === 0 ? 1 : o.camera;
    for (let i = 0; i < camera; i++) {
      await expect(page.getByTestId('take-photo')).toBeEnabled({ timeout: 20_000 });
      await page.getByTestId('take-photo').click();
      await expect(thumbs).toHaveCount(++count, { timeout: 20_000 });
    }
    for (let i = 0; i < o.imports; i++) {
      // A real PNG of a random part of the screen: its own picture, so its own hash.
      const clip = {
        x: rng.int(0, 400),
        y: rng.int(0, 300),
        width: rng.int(200, 600),
        height: rng.int(200, 500),
      };
      const png = await page.screenshot({ clip });
      await page
        .getByTestId('import-input')
        .setInputFiles([{ name: `scan-${i + 1}.png`, mimeType: 'image/png', buffer: png }]);
      await expect(thumbs).toHaveCount(++count, { timeout: 20_000 });
    }
    if (o.removeOne && count > 1) {
      await page
        .getByTestId('delete-page')
        .nth(rng.int(0, count - 1))
        .click();
      await expect(thumbs).toHaveCount(count - 1, { timeout: 20_000 });
    }
    const pages = await thumbs.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.sha256 ?? ''));
    await page.getByLabel(ru('complaints', 'fields.noContactReason')).fill('Клиент не оставил контакты');
    await page.getByLabel(ru('book', 'summary')).fill(`Запись в книге ${o.tag}`);
    await page.getByTestId('submit-entry-button').click();
    if (o.reloadMidway) return void (await this.reload(page));
    await expect(page.getByTestId('book-entry-view')).toBeVisible({ timeout: 20_000 });
    const number = (await page.locator('.facts a').textContent())!;
    const entry = { number, pages };
    this.model.entries.push(entry);
    this.model.complaints.push({ number, url: '', status: 'registered', notes: [] });
    return entry;
  }
}

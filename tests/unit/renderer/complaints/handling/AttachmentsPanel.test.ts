import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerComplaint } from '../../../../../renderer/complaints/actions';
import { AttachmentsPanel } from '../../../../../renderer/complaints/handling/AttachmentsPanel';
import { complaintHistory } from '../../../../../renderer/complaints/queries';
import { DbProvider } from '../../../../../renderer/db/context';
import type { OtklikDatabase } from '../../../../../renderer/db/database';
import { i18next, initI18n } from '../../../../../renderer/i18n';
import { META } from '../../../../../renderer/sync/state';
import { hqLink, IVAN, input, now, openDb, settings, signedInAs, pageRoots } from '../../fixtures';

// R3, R5 in a real Chromium (issue 15 item 2): the Attachments section adds files from the picker and by
// drag-and-drop, lists them with name, size, type, who and when, refuses a file that is not what its name
// says in the user's language, and hands a stored file back as a download.

const roots = pageRoots();
beforeAll(async () => {
  await initI18n('ru');
});

const t = (key: string): string => i18next.t(key as never);
const pdf = () => new File(['%PDF-1.7\n%%EOF\n'], 'чек.pdf', { type: 'application/pdf' });
const jpeg = () => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70])], 'фото.jpg');
const files = (...list: File[]) => {
  const dt = new DataTransfer();
  for (const f of list) dt.items.add(f);
  return dt;
};

/** The panel of a fresh complaint, re-rendered with its history as the page does. */
async function mount(db: OtklikDatabase) {
  const c = await registerComplaint(db, input('Чек не пробили'), settings(), IVAN, now);
  const { root, host } = roots.mount();
  const render = async () => {
    const complaint = (await db.complaints.get(c.id))!;
    root.render(
      createElement(
        I18nextProvider,
        { i18n: i18next },
        createElement(DbProvider, {
          db,
          children: signedInAs(
            IVAN,
            createElement(AttachmentsPanel, {
              complaint,
              history: await complaintHistory(db, c.id),
              timeZone: 'Europe/Moscow',
            }),
          ),
        }),
      ),
    );
  };
  await render();
  await expect.poll(() => host.querySelector('[data-testid="attachments"]')).not.toBeNull();
  return { host, render, id: c.id };
}

describe('AttachmentsPanel', () => {
  it('adds from the picker and by dropping; lists name, size, type, who; saves the local copy', async () => {
    const db = openDb();
    const { host, render } = await mount(db);
    expect(host.textContent).toContain(t('handling:ui.attachments.none'));
    const picker = host.querySelector<HTMLInputElement>('[data-testid="attachment-input"]')!;
    picker.files = files(pdf()).files;
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await expect.poll(() => db.photos.count()).toBe(1);
    await expect.poll(() => picker.disabled).toBe(false);
    const panel = host.querySelector('[data-testid="attachments"]')!;
    panel.dispatchEvent(
      new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: files(jpeg()) }),
    );
    await expect.poll(() => db.photos.count()).toBe(2);

    await render();
    await expect.poll(() => host.querySelectorAll('[data-testid="attachment"]').length).toBe(2);
    const lines = [...host.querySelectorAll<HTMLElement>('[data-testid="attachment"]')];
    expect(lines.map((l) => l.querySelector('[data-testid="attachment-name"]')!.textContent)).toEqual([
      'чек.pdf',
      'фото.jpg',
    ]);
    expect(lines[0]!.textContent).toContain(t('handling:attachmentKind.pdf'));
    expect(lines[1]!.textContent).toContain(t('handling:attachmentKind.photo'));
    expect(lines[0]!.textContent).toContain(IVAN.name);
    expect(lines[0]!.textContent).toMatch(/15\s?Б/);
    await expect.poll(() => lines[0]!.dataset.state).toBe('pending');
    expect(lines[0]!.querySelector('[data-testid="attachment-state"]')!.textContent).toBe(
      t('handling:ui.attachments.state.pending'),
    );

    // Saving hands this PC's copy over as a download with the recorded name.
    const clicked: { download: string; href: string }[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    };
    try {
      lines[0]!.querySelector<HTMLButtonElement>('[data-testid="attachment-save"]')!.click();
      // Read from the bytes' own store (issue 17) before it is handed over.
      await expect.poll(() => clicked.length).toBe(1);
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked).toEqual([{ download: 'чек.pdf', href: expect.stringMatching(/^blob:/) }]);
    expect(await (await fetch(clicked[0]!.href)).text()).toBe('%PDF-1.7\n%%EOF\n');

    // Taken off with why: shown as removed, by whom and why; the bytes stay on this PC for the record.
    lines[1]!.querySelector<HTMLButtonElement>('[data-testid="attachment-remove"]')!.click();
    await expect.poll(() => host.querySelector('[data-testid="attachment-remove-form"]')).not.toBeNull();
    const form = host.querySelector<HTMLFormElement>('[data-testid="attachment-remove-form"]')!;
    const why = form.querySelector('input')!;
    // React reads the value through the input's own setter.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(why, 'Не тот снимок');
    why.dispatchEvent(new Event('input', { bubbles: true }));
    form.requestSubmit();
    await expect
      .poll(async () => (await db.events.toArray()).filter((e) => e.type === 'attachment_removed').length)
      .toBe(1);
    await render();
    await expect
      .poll(() => host.querySelectorAll('[data-testid="attachment"]')[1]?.getAttribute('data-state'))
      .toBe('removed');
    expect(host.querySelectorAll('[data-testid="attachment"]')[1]!.textContent).toContain('Не тот снимок');
    expect(await db.photos.count()).toBe(2);
  });

  /** A file whose bytes take 300 ms to read (a network share, a slow stick): the panel saves it for that long. */
  const slowly = (file: File): File =>
    Object.assign(file, {
      arrayBuffer: async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return File.prototype.arrayBuffer.call(file);
      },
    });

  /** The panel, its picker, and a drop of files on it. */
  async function mountForDrops(db: OtklikDatabase) {
    const { host } = await mount(db);
    const panel = host.querySelector('[data-testid="attachments"]')!;
    const drop = (...list: File[]) =>
      panel.dispatchEvent(
        new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: files(...list) }),
      );
    return { host, picker: host.querySelector<HTMLInputElement>('[data-testid="attachment-input"]')!, drop };
  }

  it('files dropped while the previous ones are still being saved wait their turn: none is lost', async () => {
    const db = openDb();
    const { host, picker, drop } = await mountForDrops(db);
    drop(slowly(pdf()));
    // Two more drops at once, while the panel shows it is saving the first.
    await expect.poll(() => picker.disabled).toBe(true);
    drop(jpeg(), new File(['%PDF-1.4\n%%EOF\n'], 'акт.pdf', { type: 'application/pdf' }));
    drop(new File(['Subject: x\r\n\r\nbody'], 'письмо.eml', { type: 'message/rfc822' }));
    await expect.poll(() => db.photos.count(), { timeout: 5_000 }).toBe(4);
    const added = (await db.events.toArray()).filter((e) => e.type === 'attachment_added');
    // In the order they were dropped.
    expect(added.map((e) => (e.data as { fileName: string }).fileName)).toEqual([
      'чек.pdf',
      'фото.jpg',
      'акт.pdf',
      'письмо.eml',
    ]);
    await expect.poll(() => picker.disabled).toBe(false);
    expect(host.querySelector('[data-testid="attachment-error"]')).toBeNull();
  });

  it('a refusal in a queue stays on screen, named by its file, until a new drop on the idle panel', async () => {
    const db = openDb();
    const { host, picker, drop } = await mountForDrops(db);
    const refusal = `scan.pdf: ${t('lifecycle:refusal.attachment_type_not_allowed')}`;
    drop(slowly(pdf()));
    await expect.poll(() => picker.disabled).toBe(true);
    // While the first is saving: a page that is not what its name says, then a good photo.
    drop(new File(['<html></html>'], 'scan.pdf', { type: 'application/pdf' }));
    drop(jpeg());
    await expect.poll(() => db.photos.count()).toBe(2);
    await expect.poll(() => picker.disabled).toBe(false);
    // The photo saved after it did not clear it.
    expect(host.querySelector('[data-testid="attachment-error"]')?.textContent).toBe(refusal);
    // A new drop on the idle panel is a new action: it starts clean.
    drop(new File(['%PDF-1.4\n%%EOF\n'], 'акт.pdf', { type: 'application/pdf' }));
    await expect.poll(() => db.photos.count()).toBe(3);
    await expect.poll(() => host.querySelector('[data-testid="attachment-error"]')).toBeNull();
  });

  it('a page named .pdf that is not one is refused in the user’s language, and nothing is saved', async () => {
    const db = openDb();
    const { host } = await mount(db);
    const picker = host.querySelector<HTMLInputElement>('[data-testid="attachment-input"]')!;
    picker.files = files(
      new File(['<html><script>alert(1)</script>'], 'scan.pdf', { type: 'application/pdf' }),
    ).files;
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await expect
      .poll(() => host.querySelector('[data-testid="attachment-error"]')?.textContent)
      .toBe(`scan.pdf: ${t('lifecycle:refusal.attachment_type_not_allowed')}`);
    expect(await db.photos.count()).toBe(0);
    expect((await db.events.toArray()).filter((e) => e.type === 'attachment_added')).toEqual([]);
  });

  it('a full disk says so in the user’s language: nothing half-saved, the file can be added again', async () => {
    const db = openDb();
    const full = { on: false };
    // As on a full disk: IndexedDB refuses every write (injected under Dexie, see platform/storage.full).
    db.use({
      stack: 'dbcore',
      name: 'full-disk',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            mutate: (request) =>
              full.on
                ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
                : table.mutate(request),
          };
        },
      }),
    });
    const { host } = await mount(db);
    const events = await db.events.count();
    full.on = true;
    const picker = host.querySelector<HTMLInputElement>('[data-testid="attachment-input"]')!;
    picker.files = files(pdf()).files;
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await expect
      .poll(() => host.querySelector('[data-testid="attachment-error"]')?.textContent)
      .toBe(`чек.pdf: ${t('common:storage.fullFile')}`);
    full.on = false;
    expect({ photos: await db.photos.count(), events: await db.events.count() }).toEqual({
      photos: 0,
      events,
    });
    picker.files = files(pdf()).files;
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await expect.poll(() => db.photos.count()).toBe(1);
    await expect.poll(() => host.querySelector('[data-testid="attachment-error"]')).toBeNull();
  });

  it('a file added on another PC: offline it says the file is at HQ; connected, it is fetched, checked, kept and saved', async () => {
    const db = openDb();
    const { host, render } = await mount(db);
    const picker = host.querySelector<HTMLInputElement>('[data-testid="attachment-input"]')!;
    picker.files = files(pdf()).files;
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await expect.poll(() => db.photos.count()).toBe(1);
    // As on PC 2 of the branch: the event came with pull, the bytes stayed on PC 1 (and went to HQ).
    await db.photos.clear();
    await render();
    const line = () => host.querySelector<HTMLElement>('[data-testid="attachment"]')!;
    await expect.poll(() => line().dataset.state).toBe('elsewhere');
    const save = () => line().querySelector<HTMLButtonElement>('[data-testid="attachment-save"]')!;
    const unavailable = () => line().querySelector<HTMLElement>('[data-testid="attachment-unavailable"]');

    // Not connected to HQ at all.
    save().click();
    await expect.poll(() => unavailable()?.dataset.reason).toBe('not_connected');
    expect(unavailable()!.textContent).toContain(t('handling:ui.attachments.unavailable.not_connected'));

    const realFetch = window.fetch;
    const original = { fetch: window.fetch.bind(window), click: HTMLAnchorElement.prototype.click };
    const clicked: { download: string; href: string }[] = [];
    let answer: () => Promise<Response> = () => Promise.reject(new TypeError('Failed to fetch'));
    window.fetch = (input, init) =>
      String(input).startsWith(hqLink().hqUrl) ? answer() : original.fetch(input, init);
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    };
    try {
      await db.meta.put({ key: META.link, value: hqLink() });
      // Connected, but HQ cannot be reached: it is at HQ, and opens once the connection is back.
      save().click();
      await expect.poll(() => unavailable()?.dataset.reason).toBe('offline');
      expect(unavailable()!.textContent).toContain(t('handling:ui.attachments.unavailable.offline'));
      expect(clicked).toEqual([]);

      answer = async () => new Response('%PDF-1.7\n%%EOF\n');
      save().click();
      await expect.poll(() => clicked.length).toBe(1);
      expect(clicked[0]!.download).toBe('чек.pdf');
      expect(await (await original.fetch(clicked[0]!.href)).text()).toBe('%PDF-1.7\n%%EOF\n');
      await expect.poll(() => unavailable()).toBeNull();
      await expect.poll(() => line().dataset.state).toBe('uploaded');
      expect(await db.photos.where('uploadState').equals('pending').count()).toBe(0);
    } finally {
      window.fetch = realFetch;
      HTMLAnchorElement.prototype.click = original.click;
    }
  });
});

import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerComplaint } from '../../../../renderer/complaints/actions';
import { addAttachment } from '../../../../renderer/complaints/handling/attachmentActions';
import { DbProvider } from '../../../../renderer/db/context';
import { i18next, initI18n } from '../../../../renderer/i18n';
import { SyncPage } from '../../../../renderer/sync/SyncPage';
import { IVAN, input, now, openDb, settings, pageRoots } from '../fixtures';

// Issue 15 (R3, R22) in a real Chromium: an attached file HQ refused is on the Sync screen with its name,
// its complaint, why and what to do, in the user's language; "Try again" queues it once more.

const roots = pageRoots();
beforeAll(async () => {
  await initI18n('ru');
});

const t = (key: string): string => i18next.t(key as never);

describe('SyncPage: refused attached files', () => {
  it('lists the file with its complaint, the reason and the fix; "Try again" makes it pending', async () => {
    const db = openDb();
    const c = await registerComplaint(db, input('Чек не пробили'), settings(), IVAN, now);
    const file = Object.assign(new Blob(['%PDF-1.7\n%%EOF\n'], { type: 'application/pdf' }), {
      name: 'Чек № 5.pdf',
    });
    const e = await addAttachment(db, c.id, file, IVAN, now);
    const sha256 = (e.data as { sha256: string }).sha256;
    await db.photos.update(sha256, {
      uploadState: 'refused',
      refusal: { reason: 'too_large', at: now.toISOString() },
      lastError: { kind: 'refused', status: 413, code: 'payload_too_large' },
    });
    const { root, host } = roots.mount();
    root.render(
      createElement(
        I18nextProvider,
        { i18n: i18next },
        createElement(DbProvider, { db, children: createElement(SyncPage) }),
      ),
    );
    const row = () => host.querySelector<HTMLElement>('[data-testid="refused-file"]');
    await expect.poll(() => row()?.dataset.reason).toBe('too_large');
    expect(host.querySelector('[data-testid="refused-files"] h2')!.textContent).toBe(
      t('sync:refusedFiles.title'),
    );
    expect(row()!.textContent).toContain('Чек № 5.pdf');
    expect(row()!.querySelector('a')!.getAttribute('href')).toBe(`/complaints/${c.id}`);
    expect(row()!.querySelector('a')!.textContent).toBe(c.number);
    expect(row()!.textContent).toContain(t('sync:refusedFiles.reasons.too_large'));
    expect(row()!.textContent).toContain(t('sync:refusedFiles.fix.too_large'));
    expect(host.querySelector('[data-testid="sync-all-sent"]')).toBeNull();

    row()!.querySelector<HTMLButtonElement>('[data-testid="refused-file-retry"]')!.click();
    await expect.poll(async () => (await db.photos.get(sha256))?.uploadState).toBe('pending');
    await expect.poll(() => row()).toBeNull();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { acknowledgementOf } from '../../../../shared/documents';
import { i18next, initI18n } from '../../../../renderer/i18n';
import { printComplaintDocument, printOutcomeMessage } from '../../../../renderer/documents/print';
import { PRINT_ROOT_CLASS } from '../../../../renderer/platform/webPrint';
import { complaintOf, sourceOf } from '../../shared/documents/fixtures';

// Issue 16 and 17 in a real Chromium (the browser platform: window.print, replaced by a probe of the page as it
// is printed). The screen's language is loaded with the app; a customer's other language is loaded by the
// first document printed in it.

afterEach(() => vi.restoreAllMocks());

describe('printComplaintDocument', () => {
  it("prints in the customer's language when the screen is in another one that alone is loaded", async () => {
    // A start in Russian: Korean is not in the page (other files of this worker may have loaded it before).
    await initI18n('ru');
    expect(i18next.hasResourceBundle('ko', 'documents')).toBe(false);
    const doc = acknowledgementOf(sourceOf('KR', complaintOf('KR'), [], { language: 'ko' }));
    let printed = '';
    vi.spyOn(window, 'print').mockImplementation(() => {
      printed = document.querySelector(`.${PRINT_ROOT_CLASS}`)?.textContent ?? '';
    });
    await expect(printComplaintDocument(doc, { format: 'a4', printer: '' })).resolves.toEqual({ ok: true });
    expect(printed).toContain('불만 접수 확인서');
    expect(printed).not.toContain('Подтверждение');
    // What the employee is told stays in the screen's language.
    expect(i18next.language).toBe('ru');
    expect(printOutcomeMessage({ ok: false, problem: 'failed' }, 'ru')).toBe(
      i18next.getFixedT('ru', 'documents')('print.problem.failed'),
    );
  });

  it('says so, and prints nothing, when the catalogue of the document language cannot be loaded', async () => {
    await initI18n('ru');
    const doc = acknowledgementOf(sourceOf('KR', complaintOf('KR'), [], { language: 'ko' }));
    vi.spyOn(window, 'print').mockImplementation(() => {});
    const unknown = { ...doc, language: 'xx' as never };
    const result = await printComplaintDocument(unknown, { format: 'a4', printer: '' });
    expect(result).toEqual({ ok: false, problem: 'texts_unavailable' });
    expect(window.print).not.toHaveBeenCalled();
    expect(printOutcomeMessage(result, 'ru')).toBe(
      i18next.getFixedT('ru', 'documents')('print.problem.texts_unavailable'),
    );
  });
});

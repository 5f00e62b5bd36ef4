import { afterEach, describe, expect, it, vi } from 'vitest';
import { acknowledgementOf } from '../../../../shared/documents';
import { initI18n, loadLanguage } from '../../../../renderer/i18n';
import { renderDocumentHtml } from '../../../../renderer/documents/render';
import { PRINT_ROOT_CLASS, webPrint } from '../../../../renderer/platform/webPrint';
import { complaintOf, sourceOf } from '../../shared/documents/fixtures';

// Issue 16, browser fallback in a real Chromium: window.print() of the same markup Electron prints. The
// print dialog itself cannot be driven from a test, so window.print is replaced by a probe that records
// what the page looks like at the moment it is called.

afterEach(() => vi.restoreAllMocks());

async function job(format: 'a4' | 'receipt80') {
  await initI18n('ru');
  // As printComplaintDocument does: the document's language loaded before it is rendered.
  await loadLanguage('ko');
  const doc = acknowledgementOf(sourceOf('KR', complaintOf('KR'), [], { language: 'ko' }));
  const { html, title } = renderDocumentHtml(doc, format);
  return { html, title, format, action: 'print' as const, printer: '' };
}

describe('printing in a browser', () => {
  it('prints only the document, in its fonts, on an 80 mm page as long as the receipt, then tidies up', async () => {
    const j = await job('receipt80');
    const appTitle = document.title;
    let seen: Record<string, unknown> = {};
    vi.spyOn(window, 'print').mockImplementation(() => {
      const root = document.querySelector(`.${PRINT_ROOT_CLASS}`);
      const rules = document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText));
      seen = {
        printing: document.documentElement.classList.contains('otklik-printing'),
        number: root?.querySelector('[data-testid="doc-number"]')?.textContent,
        title: document.title,
        hangulLoaded: [...document.fonts].some(
          (f) => f.status === 'loaded' && /AC00-D7A3/i.test(f.unicodeRange),
        ),
        page: rules.find((r) => r.includes('otklik-receipt')),
      };
    });
    await expect(webPrint(j)).resolves.toEqual({ ok: true });
    expect(window.print).toHaveBeenCalledTimes(1);
    expect(seen).toMatchObject({
      printing: true,
      number: expect.stringContaining('SEL-01-2026-100042'),
      title: j.title,
      hangulLoaded: true,
    });
    const height = Number(/80mm (\d+)mm/.exec(String(seen.page))?.[1]);
    expect(height).toBeGreaterThan(100);
    expect(height).toBeLessThan(600);
    // Afterwards the app page is as it was.
    expect(document.querySelector(`.${PRINT_ROOT_CLASS}`)).toBeNull();
    expect(document.documentElement.classList.contains('otklik-printing')).toBe(false);
    expect(document.adoptedStyleSheets).toHaveLength(0);
    expect(document.title).toBe(appTitle);
  });

  it('keeps the app page intact and says so when the document cannot be prepared', async () => {
    const j = await job('a4');
    const broken = { ...j, html: j.html.replace(/href="[^"]+"/, 'href="/no-such-stylesheet.css"') };
    vi.spyOn(window, 'print').mockImplementation(() => {});
    await expect(webPrint(broken)).resolves.toMatchObject({ ok: false, problem: 'load_failed' });
    expect(window.print).not.toHaveBeenCalled();
    expect(document.querySelector(`.${PRINT_ROOT_CLASS}`)).toBeNull();
  });

  it('says the print failed, not the document, when the browser refuses to print, and tidies up', async () => {
    const j = await job('a4');
    vi.spyOn(window, 'print').mockImplementation(() => {
      throw new Error('printing is disabled by policy');
    });
    await expect(webPrint(j)).resolves.toMatchObject({ ok: false, problem: 'failed' });
    expect(document.querySelector(`.${PRINT_ROOT_CLASS}`)).toBeNull();
    expect(document.documentElement.classList.contains('otklik-printing')).toBe(false);
  });
});

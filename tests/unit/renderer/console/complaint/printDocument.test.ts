import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from 'vitest/browser';
import { printConsoleDocument } from '../../../../../renderer/console/complaint/printDocument';
import { initI18n } from '../../../../../renderer/i18n';
import { platform } from '../../../../../renderer/platform';
import { PRINT_ROOT_CLASS } from '../../../../../renderer/platform/webPrint';
import type { ComplaintDetail } from '../../../../../shared/console/protocol';
import { consoleDocument } from '../../../../../shared/console/documents';
import {
  formatCheckCode,
  parseQrPayload,
  type AcknowledgementDocument,
} from '../../../../../shared/documents';
import { docDue } from '../../../../../shared/documents/format';
import type { PrintJob } from '../../../../../shared/ipc/contract';
import { advance, BRANCHES, complaintOf } from '../../../shared/documents/fixtures';
import documentsKo from '../../../../../locales/ko/documents.json';

// Issue 16 item 1 in a real Chromium: the console prints a complaint's documents from its page as HQ sends it,
// with the branch app's templates, through window.print() of the same document view — in the customer's
// language (Korean at a Prague branch here), with HQ's address, phone and hours for the branch, and a QR code
// that opens HQ's status page. The print dialog cannot be driven from a test: window.print is replaced by a
// probe that reads the document on the page at that moment; the same HTML is printed to PDF by Chromium and
// read back (text with pdfjs-dist, the QR code with zxing-wasm).

beforeAll(() => initI18n('en'));
afterEach(() => vi.restoreAllMocks());

const NOW = '2026-09-18T13:00:00Z';
const STATUS_PAGE = 'https://status.example.cz';
const CONTACTS = {
  address: 'Národní 12, 110 00 Praha 1',
  phone: '+420 221 123 456',
  hours: 'po–pá 9:00–18:00',
};

function detail(decided: boolean): ComplaintDetail {
  const b = BRANCHES.CZ;
  const registered = advance(
    complaintOf('CZ', { customerLanguage: 'ko', remedy: '새 커피머신으로 교환해 주세요' }),
    [],
    [{ to: 'registered', at: '2026-09-14T07:00:01Z' }],
  );
  const d = decided
    ? advance(registered.complaint, registered.events, [
        { to: 'in_review', at: '2026-09-15T07:00:00Z' },
        {
          to: 'decided',
          at: '2026-09-18T12:30:00Z',
          decision: { outcome: 'rejected', justification: '결함 없음', alternativeOffered: '무료 세척' },
        },
      ])
    : registered;
  return {
    complaint: d.complaint,
    history: d.events,
    branch: {
      code: b.code,
      name: b.name,
      country: 'CZ',
      timeZone: b.timeZone,
      language: 'cs',
      ...CONTACTS,
      headOfSalesName: b.headOfSalesName,
      extraDaysOff: [],
      extraWorkingDays: [],
      policyId: 'working_days_10',
    },
    statusPageUrl: STATUS_PAGE,
    due: [],
    bookEntries: [],
  };
}

/** Records each job handed to the platform and what was on the page when window.print() was called. */
function probe() {
  const jobs: PrintJob[] = [];
  const printed: { kind?: string; format?: string; lang?: string; text: string }[] = [];
  const realPrint = platform.print.bind(platform);
  vi.spyOn(platform, 'print').mockImplementation(async (job) => {
    jobs.push(job);
    return realPrint(job);
  });
  vi.spyOn(window, 'print').mockImplementation(() => {
    const doc = document.querySelector(`.${PRINT_ROOT_CLASS} [data-testid="document"]`) as HTMLElement | null;
    printed.push({
      kind: doc?.dataset.kind,
      format: doc?.dataset.format,
      lang: doc?.lang,
      text: doc?.textContent ?? '',
    });
  });
  return { jobs, printed };
}

describe('the console’s documents', () => {
  it('acknowledgement, decision letter and record go through window.print in the customer’s language', async () => {
    const { printed } = probe();
    const d = detail(true);
    for (const kind of ['acknowledgement', 'decision_letter', 'record'] as const) {
      const { result, language } = await printConsoleDocument(kind, d, new Date(NOW));
      expect(result).toEqual({ ok: true });
      expect(language).toBe('ko');
    }
    expect(printed.map((p) => [p.kind, p.format, p.lang])).toEqual([
      ['acknowledgement', 'a4', 'ko'],
      ['decision_letter', 'a4', 'ko'],
      ['record', 'a4', 'ko'],
    ]);
    expect(printed[0]!.text).toContain(d.complaint.number);
    expect(printed[0]!.text).toContain('새 커피머신으로 교환해 주세요');
    expect(printed[0]!.text).toContain(CONTACTS.address);
    expect(printed[0]!.text).toContain(CONTACTS.phone);
    expect(printed[0]!.text).toContain(CONTACTS.hours);
    expect(printed[1]!.text).toContain(documentsKo.letter.outcome.rejected);
    expect(printed[1]!.text).toContain('Česká obchodní inspekce');
    // Nothing is left on the page after printing.
    expect(document.querySelector(`.${PRINT_ROOT_CLASS}`)).toBeNull();
  });

  it('no decision in force: no decision letter, and nothing is printed', async () => {
    const { printed } = probe();
    const { result } = await printConsoleDocument('decision_letter', detail(false), new Date(NOW));
    expect(result).toEqual({ ok: false, problem: 'unavailable' });
    expect(printed).toEqual([]);
  });

  it('as PDF: the number, check code and answer date in the text; the QR code opens HQ’s status page', async () => {
    const { jobs } = probe();
    const d = detail(false);
    await printConsoleDocument('acknowledgement', d, new Date(NOW));
    const [result] = await commands.printDocumentsToPdf([
      { id: 'console-ack-ko', html: jobs[0]!.html, format: 'a4' },
    ]);
    const squash = (s: string) => s.replace(/\s+/g, '');
    expect(result!.text).toContain(squash(d.complaint.number));
    // The answer date HQ's calendar and policy give, as the branch's receipt prints it.
    const doc = consoleDocument('acknowledgement', d, new Date(NOW)) as AcknowledgementDocument;
    expect(result!.text).toContain(squash(docDue(doc.answerBy, 'ko', BRANCHES.CZ.timeZone)));
    const qr = result!.qr?.text ?? '';
    expect(qr.startsWith(`${STATUS_PAGE}/c/${d.complaint.number}?k=`)).toBe(true);
    const parsed = parseQrPayload(qr);
    expect(parsed?.number).toBe(d.complaint.number);
    expect(result!.text).toContain(squash(formatCheckCode(parsed!.checkCode)));
    expect(result!.fontsFailed).toBe(0);
  });
});

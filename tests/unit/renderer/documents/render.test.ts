import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import {
  acknowledgementOf,
  complaintRecordOf,
  decisionLetterOf,
  formatCheckCode,
  parseQrPayload,
  QR_MIN_MM,
  type ComplaintDocument,
  type DecisionLetterDocument,
  type PaperFormat,
} from '../../../../shared/documents';
import type { Country, Language } from '../../../../shared/settings/workstation';
import { initI18n, loadLanguage } from '../../../../renderer/i18n';
import { loadCatalogue, type Catalogue } from '../../../../renderer/i18n/resources';
import { DOCUMENT_NAMESPACES, renderDocumentHtml } from '../../../../renderer/documents/render';
import { advance, BRANCHES, complaintOf, COMPLAINT_ID } from '../../shared/documents/fixtures';
import type { DocumentSource } from '../../../../shared/documents';
import { POLICY_PRESETS } from '../../../../shared/deadlines';

// Issue 16 in a real Chromium: every document in every language is rendered by the app's templates,
// printed to PDF by Chromium (A4, and the 80 mm roll), and read back — its text with pdfjs-dist, its QR
// code from a screenshot with zxing-wasm — to check that the customer gets the number, the dates, their
// demand and the recourse text, in fonts the app brings itself.

/** Each language with a branch whose customer speaks it, and the customer's own words in that language. */
const CASES: { lng: Language; country: Country; demand: string; answerDate: string }[] = [
  // Moscow, Monday 14 Sep 2026, 10 working days → 28 Sep (shared/documents acknowledgement test).
  {
    lng: 'ru',
    country: 'RU',
    demand: 'Заменить кофемашину на новую, ёмкость 1,5 л',
    answerDate: '2026-09-28',
  },
  // Kyiv, the same policy and day: no Ukrainian holiday in the span → 28 Sep.
  {
    lng: 'uk',
    country: 'UA',
    demand: 'Замінити кавоварку на нову, ґарантія ще діє',
    answerDate: '2026-09-28',
  },
  // An English-speaking customer at the Moscow branch.
  { lng: 'en', country: 'RU', demand: 'Replace the coffee machine with a new one', answerDate: '2026-09-28' },
  // Prague: St Wenceslas Day (Monday 28 Sep) moves the 10th working day to 29 Sep.
  {
    lng: 'cs',
    country: 'CZ',
    demand: 'Výměna kávovaru za nový, příliš žluťoučký kůň',
    answerDate: '2026-09-29',
  },
  // Seoul: Chuseok (24–26 Sep) moves the 10th working day to 30 Sep.
  { lng: 'ko', country: 'KR', demand: '새 커피머신으로 교환해 주세요', answerDate: '2026-09-30' },
];

const NOW = '2026-09-18T13:00:00Z';

function sourceFor(c: (typeof CASES)[number]): DocumentSource {
  const branch = BRANCHES[c.country];
  const complaint = {
    ...complaintOf(c.country, { number: `${branch.code}-2026-100042`, remedy: c.demand, channel: 'phone' }),
    id: COMPLAINT_ID,
  };
  const { complaint: decided, events } = advance(
    complaint,
    [],
    [
      { to: 'registered', at: '2026-09-14T07:00:01Z' },
      { to: 'in_review', at: '2026-09-15T07:00:00Z' },
      {
        to: 'decided',
        at: '2026-09-18T12:30:00Z',
        actor: 'Мария Петрова',
        decision: {
          outcome: 'rejected',
          justification: 'No defect found (J-17)',
          alternativeOffered: 'Free cleaning (A-23)',
        },
      },
    ],
  );
  return {
    complaint: decided,
    events,
    branch,
    calendar: {
      country: c.country,
      timeZone: branch.timeZone,
      extraDaysOff: [],
      extraWorkingDays: [],
      ukraineMartialLaw: false,
    },
    policy: POLICY_PRESETS.working_days_10,
    language: c.lng,
    now: new Date(NOW),
    compensation: {
      amountMinor: c.country === 'KR' ? 15000 : 150000,
      currency: c.country === 'KR' ? 'KRW' : 'EUR',
    },
  };
}

const squeeze = (s: string) => s.replace(/\s+/g, '');
const longDate = (date: string, lng: string) =>
  new Intl.DateTimeFormat(lng, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
const pick = (catalogue: unknown, key: string): string =>
  key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], catalogue) as string;
/** The catalogues as shipped, read without i18next (loaded in beforeAll). */
const resources = {} as Record<Language, Record<'documents' | 'complaints' | 'lifecycle', Catalogue>>;
const tr = (lng: Language, key: string): string => pick(resources[lng].documents, key);

interface Printed {
  lng: Language;
  doc: ComplaintDocument;
  format: PaperFormat;
  result: Awaited<ReturnType<typeof commands.printDocumentsToPdf>>[number];
}
const printed: Printed[] = [];

beforeAll(async () => {
  await initI18n('ru');
  const languages = [...new Set(CASES.map((c) => c.lng))];
  for (const lng of languages) {
    const [documents, complaints, lifecycle] = await Promise.all(
      DOCUMENT_NAMESPACES.map((ns) => loadCatalogue(lng, ns)),
    );
    resources[lng] = { documents: documents!, complaints: complaints!, lifecycle: lifecycle! };
    // renderDocumentHtml is synchronous: printComplaintDocument loads the document's language first, as here.
    expect(await loadLanguage(lng, DOCUMENT_NAMESPACES)).toBe(true);
  }
  const jobs: { lng: Language; doc: ComplaintDocument; format: PaperFormat }[] = [];
  for (const c of CASES) {
    const source = sourceFor(c);
    const ack = acknowledgementOf(source);
    jobs.push({ lng: c.lng, doc: ack, format: 'receipt80' }, { lng: c.lng, doc: ack, format: 'a4' });
    jobs.push({ lng: c.lng, doc: decisionLetterOf(source)!, format: 'a4' });
    jobs.push({ lng: c.lng, doc: complaintRecordOf(source), format: 'a4' });
  }
  const results = await commands.printDocumentsToPdf(
    jobs.map((j) => ({
      id: `${j.lng}-${j.doc.kind}-${j.format}`,
      format: j.format,
      html: renderDocumentHtml(j.doc, j.format).html,
    })),
  );
  results.forEach((result, i) => printed.push({ ...jobs[i]!, result }));
}, 120_000);

const find = (lng: Language, kind: ComplaintDocument['kind'], format: PaperFormat = 'a4') =>
  printed.find((p) => p.lng === lng && p.doc.kind === kind && p.format === format)!;

describe.each(CASES)('documents in $lng', ({ lng, country, demand, answerDate }) => {
  it.each(['receipt80', 'a4'] as const)(
    'acknowledgement on %s: number, check code, answer date, demand, branch',
    (format) => {
      const { doc, result } = find(lng, 'acknowledgement', format);
      const text = result.text;
      expect(text).toContain(squeeze(doc.number));
      expect(text).toContain(squeeze(formatCheckCode(doc.checkCode)));
      expect(text).toContain(squeeze(longDate(answerDate, lng)));
      expect(text).toContain(squeeze(tr(lng, 'ack.answerBy').replace('{{date}}', longDate(answerDate, lng))));
      expect(text).toContain(squeeze(demand));
      expect(text).toContain(squeeze(BRANCHES[country].address));
      expect(text).toContain(squeeze(tr(lng, 'title.acknowledgement')));
      expect(result.fontsFailed).toBe(0);
    },
  );

  it('acknowledgement: the QR code reads back to the number and check code, at least 25 mm wide', () => {
    for (const format of ['receipt80', 'a4'] as const) {
      const { doc, result } = find(lng, 'acknowledgement', format);
      expect(result.qr?.sizeMm).toBeGreaterThanOrEqual(QR_MIN_MM);
      expect(parseQrPayload(result.qr?.text ?? '')).toEqual({ number: doc.number, checkCode: doc.checkCode });
    }
  });

  it('the 80 mm receipt fits its width on an 80 mm page', () => {
    const { result } = find(lng, 'acknowledgement', 'receipt80');
    expect(result.widthMm).toBeCloseTo(80, 0);
    expect(result.overflowMm).toBeLessThanOrEqual(0.1);
    expect(result.pageWidthMm).toBeCloseTo(80, 0);
    expect(result.pages).toBe(1);
  });

  it('decision letter: outcome, justification, alternative, compensation and the recourse routes', () => {
    const { doc, result } = find(lng, 'decision_letter');
    const letter = doc as DecisionLetterDocument;
    const text = result.text;
    expect(result.pageWidthMm).toBeCloseTo(210, 0);
    expect(text).toContain(squeeze(letter.number));
    expect(text).toContain(squeeze(longDate('2026-09-18', lng)));
    expect(text).toContain(squeeze(demand));
    expect(text).toContain(squeeze(tr(lng, 'letter.outcome.rejected')));
    expect(text).toContain('(J-17)');
    expect(text).toContain('(A-23)');
    expect(text).toContain(squeeze(tr(lng, 'letter.recourseTitle')));
    expect(letter.recourse.length).toBeGreaterThan(1);
    for (const route of letter.recourse) {
      const key = route.kind === 'internal' ? 'recourse.internal_appeal_named' : `recourse.${route.id}`;
      expect(text).toContain(squeeze(tr(lng, key).replace('{{name}}', BRANCHES[country].headOfSalesName)));
      if (route.officialName) expect(text).toContain(squeeze(route.officialName));
    }
    const money = new Intl.NumberFormat(lng, {
      style: 'currency',
      currency: letter.compensation!.currency,
      minimumFractionDigits: letter.compensation!.currency === 'KRW' ? 0 : 2,
    }).format(country === 'KR' ? 15000 : 1500);
    expect(text).toContain(squeeze(money));
  });

  it('complaint record: every stage of the history and the demand', () => {
    const { doc, result } = find(lng, 'record');
    expect(result.text).toContain(squeeze(doc.number));
    expect(result.text).toContain(squeeze(demand));
    expect(result.text).toContain(squeeze(pick(resources[lng].complaints, 'status.decided')));
    expect(result.text).toContain(squeeze(pick(resources[lng].lifecycle, 'outcome.rejected')));
    expect(result.text).toContain('(J-17)');
    // Received and registered at 10:00 Moscow time, whatever zone this browser runs in.
    const received = new Intl.DateTimeFormat(lng, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: BRANCHES[country].timeZone,
    }).format(new Date('2026-09-14T07:00:00Z'));
    expect(result.text).toContain(squeeze(received));
  });

  it('uses only the fonts it brings', () => {
    for (const p of printed.filter((x) => x.lng === lng)) expect(p.result.fontsFailed).toBe(0);
    const ranges = printed.filter((x) => x.lng === lng).flatMap((p) => p.result.fontRanges);
    // The Hangul face is loaded exactly when Hangul is on the page (the branch and head of sales of a
    // Korean branch are named in Korean); Latin with Czech letters and Cyrillic come from Noto Sans.
    expect(ranges.some((r) => /U\+AC00-D7A3/i.test(r))).toBe(country === 'KR');
    if (lng === 'cs') expect(ranges.some((r) => /U\+100-2BA|U\+0100-02BA/i.test(r))).toBe(true);
    if (lng === 'ru' || lng === 'uk')
      expect(ranges.some((r) => /U\+400-45F|U\+0400-045F/i.test(r))).toBe(true);
  });
});

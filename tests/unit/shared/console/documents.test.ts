import { describe, expect, it } from 'vitest';
import { consoleDocument, consoleDocumentSource } from '../../../../shared/console/documents';
import type { ComplaintDetail } from '../../../../shared/console/protocol';
import {
  acknowledgementOf,
  complaintRecordOf,
  decisionLetterOf,
  parseQrPayload,
  type AcknowledgementDocument,
} from '../../../../shared/documents';
import { BRANCHES, complaintOf, decided, sourceOf } from '../documents/fixtures';

// Issue 16 item 1 (R9, R15, R17, R25): the console's documents are the branch's models fed with the
// complaint's page as HQ sends it — the same answer date, the branch's contacts from HQ's directory, the
// customer's language, the status page in the QR code when HQ runs it.

const NOW = '2026-09-18T13:00:00Z';

function detailOf(
  country: keyof typeof BRANCHES,
  d: { complaint: ComplaintDetail['complaint']; events: ComplaintDetail['history'] },
  branch: Partial<ComplaintDetail['branch']> = {},
  extra: Partial<ComplaintDetail> = {},
): ComplaintDetail {
  const b = BRANCHES[country];
  return {
    complaint: d.complaint,
    history: d.events,
    branch: {
      code: b.code,
      name: b.name,
      country: b.country,
      timeZone: b.timeZone,
      language: b.language,
      address: b.address,
      phone: b.phone,
      headOfSalesName: b.headOfSalesName,
      extraDaysOff: [],
      extraWorkingDays: [],
      ukraineMartialLaw: false,
      policyId: 'working_days_10',
      ...branch,
    },
    due: [],
    bookEntries: [],
    ...extra,
  };
}

describe('console documents', () => {
  it.each(['RU', 'UA', 'CZ', 'KR'] as const)(
    '%s: the acknowledgement names the answer date the branch prints, from HQ’s calendar and policy',
    (country) => {
      const complaint = complaintOf(country);
      const atBranch = acknowledgementOf(sourceOf(country, complaint, [], { now: NOW }));
      const atHq = consoleDocument(
        'acknowledgement',
        detailOf(country, { complaint, events: [] }),
        new Date(NOW),
      );
      expect(atHq).toMatchObject({
        kind: 'acknowledgement',
        language: BRANCHES[country].language,
        number: complaint.number,
        checkCode: atBranch.checkCode,
        answerBy: atBranch.answerBy,
        demand: atBranch.demand,
      });
      expect((atHq as AcknowledgementDocument).branch).toMatchObject({
        address: BRANCHES[country].address,
        phone: BRANCHES[country].phone,
      });
    },
  );

  it('a company day off set at HQ moves the answer date exactly as at the branch', () => {
    const complaint = complaintOf('RU');
    const plain = consoleDocument(
      'acknowledgement',
      detailOf('RU', { complaint, events: [] }),
      new Date(NOW),
    );
    const dayOff = (plain as AcknowledgementDocument).answerBy.date;
    const moved = consoleDocument(
      'acknowledgement',
      detailOf('RU', { complaint, events: [] }, { extraDaysOff: [dayOff] }),
      new Date(NOW),
    ) as AcknowledgementDocument;
    expect(moved.answerBy.date > dayOff).toBe(true);
  });

  it('in the customer’s language recorded on the complaint, else the branch’s', () => {
    const ko = complaintOf('CZ', { customerLanguage: 'ko' });
    expect(
      consoleDocument('record', detailOf('CZ', { complaint: ko, events: [] }), new Date(NOW))?.language,
    ).toBe('ko');
    const none = complaintOf('CZ');
    expect(
      consoleDocumentSource(detailOf('CZ', { complaint: none, events: [] }), new Date(NOW)).language,
    ).toBe('cs');
  });

  it('the decision letter exists once a decision is in force, with the branch country’s recourse (R17)', () => {
    const complaint = complaintOf('CZ');
    expect(
      consoleDocument('decision_letter', detailOf('CZ', { complaint, events: [] }), new Date(NOW)),
    ).toBeNull();
    const d = decided('CZ', {
      outcome: 'rejected',
      justification: 'Vada nezjištěna',
      alternativeOffered: 'Sleva',
    });
    const atBranch = decisionLetterOf(sourceOf('CZ', d.complaint, d.events, { now: NOW }));
    const atHq = consoleDocument('decision_letter', detailOf('CZ', d), new Date(NOW));
    expect(atHq).toEqual({ ...atBranch, branch: { ...atBranch!.branch, email: '', opens: '', closes: '' } });
    expect(consoleDocument('record', detailOf('CZ', d), new Date(NOW))).toMatchObject({
      kind: 'record',
      history: complaintRecordOf(sourceOf('CZ', d.complaint, d.events, { now: NOW })).history,
    });
  });

  it('the QR code opens HQ’s status page when HQ runs it, and carries OTKLIK:… when it does not (item 4)', () => {
    const complaint = complaintOf('KR');
    const on = consoleDocument(
      'acknowledgement',
      detailOf('KR', { complaint, events: [] }, {}, { statusPageUrl: 'https://status.example.kr/' }),
      new Date(NOW),
    ) as AcknowledgementDocument;
    expect(on.qrPayload).toBe(`https://status.example.kr/c/${complaint.number}?k=${on.checkCode}`);
    expect(parseQrPayload(on.qrPayload)).toEqual({ number: complaint.number, checkCode: on.checkCode });
    const off = consoleDocument(
      'acknowledgement',
      detailOf('KR', { complaint, events: [] }),
      new Date(NOW),
    ) as AcknowledgementDocument;
    expect(off.qrPayload).toBe(`OTKLIK:${complaint.number}:${off.checkCode}`);
  });

  it('opening hours HQ keeps as text are on the document; a policy this version does not know falls back', () => {
    const complaint = complaintOf('UA');
    const source = consoleDocumentSource(
      detailOf('UA', { complaint, events: [] }, { hours: ' пн–пт 9:00–18:00 ', policyId: 'from_the_future' }),
      new Date(NOW),
    );
    expect(source.branch.hours).toBe('пн–пт 9:00–18:00');
    expect(source.policy.id).toBe('working_days_10');
  });
});

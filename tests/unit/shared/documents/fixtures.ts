import type { Complaint, ComplaintEvent, ComplaintInput } from '../../../../shared/complaints/model';
import { POLICY_PRESETS, type PolicyPresetId } from '../../../../shared/deadlines';
import type { DocumentSource } from '../../../../shared/documents';
import type { BranchDetails } from '../../../../shared/documents/branch';
import { milestonesFromEvents, transition, type TransitionRequest } from '../../../../shared/lifecycle';
import type { Country, Language } from '../../../../shared/settings/workstation';
import { MSK01 } from '../../../fixtures';

/** Branches of the four countries, each in its own zone and language. */
export const BRANCHES: Record<Country, BranchDetails> = {
  RU: {
    ...MSK01,
    address: '125009, Москва, ул. Тверская, д. 7',
    phone: '+7 495 123-45-67',
    email: 'msk01@example.ru',
    opens: '09:00',
    closes: '18:00',
    headOfSalesName: 'Пётр Соколов',
  },
  UA: {
    code: 'KYI-02',
    name: 'Київ, Хрещатик 22',
    address: '01001, Київ, вул. Хрещатик, 22',
    phone: '+380 44 123 45 67',
    email: 'kyi02@example.ua',
    country: 'UA',
    timeZone: 'Europe/Kyiv',
    language: 'uk',
    opens: '09:00',
    closes: '18:00',
    headOfSalesName: 'Олена Коваль',
  },
  CZ: {
    code: 'PRG-01',
    name: 'Praha, Národní 12',
    address: 'Národní 12, 110 00 Praha 1',
    phone: '+420 221 123 456',
    email: 'praha@example.cz',
    country: 'CZ',
    timeZone: 'Europe/Prague',
    language: 'cs',
    opens: '08:30',
    closes: '17:00',
    headOfSalesName: 'Jiří Dvořák',
  },
  KR: {
    code: 'SEL-01',
    name: '서울 강남점',
    address: '서울특별시 강남구 테헤란로 152',
    phone: '+82 2 1234 5678',
    email: 'seoul@example.kr',
    country: 'KR',
    timeZone: 'Asia/Seoul',
    language: 'ko',
    opens: '10:00',
    closes: '19:00',
    headOfSalesName: '김민준',
  },
};

export const COMPLAINT_ID = '019a1f52-7c3e-7d10-9b7e-5f2c8a4d1e33';

export function complaintOf(
  country: Country,
  patch: Partial<ComplaintInput> & { number?: string; registeredAt?: string; id?: string } = {},
): Complaint {
  const branch = BRANCHES[country];
  const receivedAt = patch.receivedAt ?? '2026-09-14T07:00:00Z';
  return {
    id: patch.id ?? COMPLAINT_ID,
    number: patch.number ?? `${branch.code}-2026-100042`,
    branchCode: branch.code,
    status: 'received',
    receivedBy: 'Ольга Иванова',
    confidential: false,
    registeredAt: patch.registeredAt ?? receivedAt,
    updatedAt: receivedAt,
    searchWords: [],
    progress: { status: 'received', reopenCount: 0 },
    channel: 'in_person',
    receivedAt,
    customer: {
      name: 'Анна Смирнова',
      phone: '+7 916 555-12-34',
      email: 'anna@example.ru',
      address: '',
      preferredContact: 'phone',
    },
    noContactReason: '',
    description: 'Кофемашина протекает после двух недель работы.',
    remedy: 'Заменить кофемашину на новую',
    concerns: { product: 'Кофемашина K-200', service: '', employee: '' },
    category: 'product_quality',
    severity: 'medium',
    healthAndSafety: false,
    consent: true,
    ...patch,
  };
}

/**
 * Moves a complaint through the lifecycle with the real transition rules, appending the events they produce
 * and replaying its progress from them, as the store does.
 */
export function advance(
  complaint: Complaint,
  events: ComplaintEvent[],
  steps: (Omit<TransitionRequest, 'now' | 'actor'> & { at: string; actor?: string })[],
): { complaint: Complaint; events: ComplaintEvent[] } {
  let c = complaint;
  const all = [...events];
  for (const step of steps) {
    const result = transition(
      { status: c.status, followUpOutcome: c.progress.followUpOutcome },
      { ...step, now: new Date(step.at), actor: step.actor ?? 'Ольга Иванова' },
    );
    if (!result.ok) throw new Error(`fixture step refused: ${result.reasons.join(', ')}`);
    all.push({ ...result.event, id: `e${all.length + 1}`, complaintId: c.id });
    const progress = milestonesFromEvents(all);
    c = { ...c, status: progress.status, progress };
  }
  return { complaint: c, events: all };
}

export function sourceOf(
  country: Country,
  complaint: Complaint,
  events: ComplaintEvent[] = [],
  options: { policy?: PolicyPresetId; language?: Language; now?: string } = {},
): DocumentSource {
  const branch = BRANCHES[country];
  return {
    complaint,
    events,
    branch,
    calendar: {
      country,
      timeZone: branch.timeZone,
      extraDaysOff: [],
      extraWorkingDays: [],
      ukraineMartialLaw: false,
    },
    policy: POLICY_PRESETS[options.policy ?? 'working_days_10'],
    language: options.language ?? branch.language,
    now: new Date(options.now ?? '2026-09-14T08:00:00Z'),
  };
}

/** A complaint registered at once and decided with this input. */
export function decided(
  country: Country,
  decision: TransitionRequest['decision'],
  actor = 'Мария Петрова',
): { complaint: Complaint; events: ComplaintEvent[] } {
  const created: ComplaintEvent = {
    id: 'e0',
    complaintId: COMPLAINT_ID,
    type: 'created',
    at: '2026-09-14T07:00:00Z',
    actor: 'Ольга Иванова',
    data: { number: `${BRANCHES[country].code}-2026-100042` },
  };
  return advance(
    complaintOf(country),
    [created],
    [
      { to: 'registered', at: '2026-09-14T07:00:01Z' },
      { to: 'in_review', at: '2026-09-15T07:00:00Z' },
      { to: 'decided', at: '2026-09-18T12:30:00Z', decision, actor },
    ],
  );
}

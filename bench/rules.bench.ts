import { bench, describe } from 'vitest';
import { emptyComplaintInput } from '../shared/complaints/model';
import { searchWordsOf } from '../shared/complaints/search';
import { validateComplaintInput } from '../shared/complaints/validation';
import {
  addWorkingDays,
  bookPhotoDeadline,
  complaintDueMoments,
  isWorkingDay,
  POLICY_PRESETS,
} from '../shared/deadlines';
import { unstorableAt } from '../shared/sync/protocol';

// The rules every list row and every keystroke runs: per-call cost after warm-up.
const MSK = { country: 'RU', timeZone: 'Europe/Moscow' };
const SEL = { country: 'KR', timeZone: 'Asia/Seoul' };
const now = new Date('2026-11-23T09:00:00Z');
const complaint = {
  ...emptyComplaintInput('phone', now),
  number: 'MSK-01-2026-100123',
  description: 'Заказ не привезли в обещанный день, никто не предупредил о задержке доставки.',
  customer: {
    name: 'Пётр Сидоров',
    phone: '+7 916 555-12-34',
    email: 'p@example.ru',
    address: '',
    preferredContact: 'phone' as const,
  },
  consent: true,
};
const timeline = {
  channel: 'post' as const,
  status: 'in_review' as const,
  receivedAt: '2026-11-20T09:00:00Z',
  registeredAt: '2026-11-20T09:05:00Z',
  acknowledgedAt: '2026-11-20T10:00:00Z',
};
isWorkingDay('2026-01-01', MSK);
isWorkingDay('2026-01-01', SEL);

describe('deadline engine', () => {
  bench('isWorkingDay (RU)', () => {
    isWorkingDay('2026-11-23', MSK);
  });
  bench('addWorkingDays 10 (RU, across holidays)', () => {
    addWorkingDays('2026-12-28', 10, MSK);
  });
  bench('bookPhotoDeadline (KR)', () => {
    bookPhotoDeadline(now, SEL);
  });
  bench('complaintDueMoments (4 moments)', () => {
    complaintDueMoments(timeline, MSK, POLICY_PRESETS.written_2d_2w, now);
  });
  // As HQ applies a push: every registration a moment later than the one before (issue 17).
  let second = 0;
  bench('complaintDueMoments (a new complaint each call, 1 s apart)', () => {
    const at = new Date(now.getTime() + 1000 * second++).toISOString();
    complaintDueMoments(
      { ...timeline, receivedAt: at, registeredAt: at, acknowledgedAt: at },
      MSK,
      POLICY_PRESETS.written_2d_2w,
      now,
    );
  });
});

describe('intake', () => {
  bench('validateComplaintInput', () => {
    validateComplaintInput(complaint, now);
  });
  bench('searchWordsOf', () => {
    searchWordsOf(complaint);
  });
});

// HQ asks it of every op it receives, twice (the envelope check, the record of the op): issue 17.
describe('sync', () => {
  const payload = {
    complaint: {
      ...complaint,
      id: '01938c1e-7e3a-7000-8000-000000000001',
      customer: { ...complaint.customer },
    },
    events: [{ type: 'registered', at: now.toISOString(), actor: 'Анна Кассир', data: { channel: 'phone' } }],
  };
  bench('unstorableAt (a registration payload)', () => {
    unstorableAt(payload, 'payload');
  });
});

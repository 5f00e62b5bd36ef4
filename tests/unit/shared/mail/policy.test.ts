import { describe, expect, it } from 'vitest';
import {
  deliveredOnTime,
  escalationDue,
  isMailJobId,
  isPermanentFailure,
  mailDeadline,
  mailJobId,
  nextMailAttempt,
} from '../../../../shared/mail/policy';
import {
  BRANCH_ERROR_MAX,
  branchSafeError,
  mailStateOf,
  type MailJobFacts,
} from '../../../../shared/mail/state';
import { bookPhotoDeadline } from '../../../../shared/deadlines';

const t0 = new Date('2026-03-02T08:00:00Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);
const MIN = 60_000;

describe('mail outbox rules (R7, R8, R11)', () => {
  it.each([
    // attempts, deadline in, expected wait
    [1, 24 * 60 * MIN, 30_000],
    [2, 24 * 60 * MIN, 60_000],
    [4, 24 * 60 * MIN, 4 * MIN],
    [6, 24 * 60 * MIN, 10 * MIN],
    [30, 24 * 60 * MIN, 10 * MIN],
    [6, 4 * MIN, 2 * MIN], // half the time left before the deadline
    [6, 10_000, 15_000], // but never under 15 s
    [3, -MIN, 2 * MIN], // past the deadline: plain backoff
  ])('after attempt %i with the deadline in %i ms, waits %i ms', (attempts, left, wait) => {
    expect(nextMailAttempt(attempts, t0, plus(left)).getTime() - t0.getTime()).toBe(wait);
  });

  it.each([
    // first wait (MAIL_RETRY_FIRST_MS), attempts, deadline in, expected wait
    [2_000, 1, 24 * 60 * MIN, 2_000],
    [2_000, 3, 24 * 60 * MIN, 8_000],
    [2_000, 12, 24 * 60 * MIN, 10 * MIN], // still at most 10 min apart
    [2_000, 3, 6_000, 3_000], // half the time left; the least wait is the first one when that is shorter
    [2_000, 3, 1_000, 2_000],
    [60_000, 1, 24 * 60 * MIN, 60_000],
    [60_000, 3, 10_000, 15_000], // a longer first wait keeps the 15 s least wait
  ])(
    'with a first wait of %i ms, after attempt %i with the deadline in %i ms, waits %i ms',
    (first, attempts, left, wait) => {
      expect(nextMailAttempt(attempts, t0, plus(left), first).getTime() - t0.getTime()).toBe(wait);
    },
  );

  it.each([
    [{ responseCode: 550 }, true],
    [{ responseCode: 553, code: 'EENVELOPE' }, true],
    [{ responseCode: 421 }, false],
    [{ responseCode: 451, code: 'EENVELOPE' }, false],
    [{ code: 'ECONNECTION' }, false],
    [{ code: 'ETIMEDOUT' }, false],
    [{ code: 'EENVELOPE' }, true],
    [{}, false],
  ])('%o is permanent: %s', (failure, permanent) => {
    expect(isPermanentFailure(failure)).toBe(permanent);
  });

  it.each([
    [plus(-1), true],
    [t0, true],
    [plus(1), false],
  ])('sent at %s against an 08:00Z deadline is on time: %s', (sentAt, onTime) => {
    expect(deliveredOnTime(sentAt, t0)).toBe(onTime);
  });

  it.each([
    ['pending', -1, false, false],
    ['pending', 0, false, true],
    ['pending', 1, false, true],
    ['pending', 1, true, false],
    ['sent', 1, false, false],
    ['failed', -1, false, true],
    ['failed', -1, true, false],
  ] as const)('status %s, now − deadline %i, escalated %s → escalate %s', (status, after, escalated, due) => {
    expect(escalationDue({ status, deadline: t0, escalated }, plus(after))).toBe(due);
  });
});

describe('what the branch is told about its e-mail (R7, R8)', () => {
  const job = (f: Partial<MailJobFacts>): MailJobFacts => ({
    status: 'pending',
    attempts: 0,
    lastErrorKind: null,
    missingPhotos: 0,
    ...f,
  });
  it.each([
    [job({}), 'sending'],
    [job({ missingPhotos: 2 }), 'waiting_photos'],
    // Photos first: HQ does not even try (nor learn of a missing address) before they are all in.
    [job({ missingPhotos: 1, attempts: 2, lastErrorKind: 'transient' }), 'waiting_photos'],
    [job({ attempts: 1, lastErrorKind: 'directory' }), 'no_manager'],
    [job({ attempts: 3, lastErrorKind: 'transient' }), 'retrying'],
    [job({ attempts: 1, lastErrorKind: null }), 'sending'], // claimed, conversation under way
    [job({ status: 'failed', attempts: 1, lastErrorKind: 'permanent' }), 'failed'],
    [job({ status: 'sent', attempts: 2, lastErrorKind: 'transient' }), 'sent'],
  ] as const)('%o → %s', (facts, state) => {
    expect(mailStateOf(facts)).toBe(state);
  });
});

describe('the deadline HQ mails against: the branch’s when plausible, else its own (R7)', () => {
  const zone = 'Europe/Prague';
  const captured = new Date('2026-03-06T14:00:00Z'); // Friday 15:00 in Prague
  const own = bookPhotoDeadline(captured, { country: 'CZ', timeZone: zone }); // Monday 9 March 11:00
  it.each([
    ['the same as HQ’s', '2026-03-09T10:00:00.000Z', 'branch'],
    // The branch is closed on Monday (its extra day off): Tuesday 11:00.
    ['an extra day off at the branch', '2026-03-10T10:00:00Z', 'branch'],
    // The branch works on Saturday (an extra working day): Saturday 11:00.
    ['an extra working Saturday', '2026-03-07T10:00:00Z', 'branch'],
    ['14 days after capture', '2026-03-20T10:00:00Z', 'branch'],
    ['15 days after capture', '2026-03-21T10:00:00Z', 'hq'],
    ['the capture day itself', '2026-03-06T10:00:00Z', 'hq'],
    ['before the capture day', '2026-03-05T10:00:00Z', 'hq'],
    ['not 11:00 in the branch’s zone', '2026-03-09T11:00:00Z', 'hq'],
    ['11:00:30', '2026-03-09T10:00:30Z', 'hq'],
    ['the capture moment (an old client)', captured.toISOString(), 'hq'],
    ['not a date', 'soon', 'hq'],
    ['absent', undefined, 'hq'],
  ] as const)('%s: %s → %s', (_, claimed, source) => {
    const r = mailDeadline(claimed, captured, own, zone);
    expect(r.source).toBe(source);
    expect(r.deadline.toISOString()).toBe(
      source === 'hq' ? own.toISOString() : new Date(claimed!).toISOString(),
    );
  });

  it('11:00 across a daylight-saving change is still 11:00 local', () => {
    // Prague moves to summer time on Sunday 29 March 2026: Monday 30 March 11:00 is 09:00Z.
    const friday = new Date('2026-03-27T12:00:00Z');
    const hq = bookPhotoDeadline(friday, { country: 'CZ', timeZone: zone });
    expect(mailDeadline('2026-03-30T09:00:00Z', friday, hq, zone).source).toBe('branch');
    expect(mailDeadline('2026-03-30T10:00:00Z', friday, hq, zone).source).toBe('hq');
  });
});

describe('the mail error the branch is told: no HQ file paths (R7, R8)', () => {
  it.each([
    [
      'SMTP refusal stays whole',
      '550 5.1.1 <irina@example.ru>: Recipient address rejected: User unknown',
      '550 5.1.1 <irina@example.ru>: Recipient address rejected: User unknown',
    ],
    [
      'a web address in the reply stays',
      '421 4.7.0 Try again later, see https://support.example.com/mail/?p=421 for details',
      '421 4.7.0 Try again later, see https://support.example.com/mail/?p=421 for details',
    ],
    [
      'quoted POSIX path of the file transport',
      "ENOSPC: no space left on device, open '/srv/otklik/data/mail/tmp/3f2a.eml'",
      "ENOSPC: no space left on device, open '…'",
    ],
    [
      'bare POSIX path',
      'EACCES: permission denied, mkdir /var/lib/otklik/mail',
      'EACCES: permission denied, mkdir …',
    ],
    [
      'Windows path',
      "EPERM: operation not permitted, rename 'C:\\Otklik\\data\\mail\\tmp\\a.eml' -> 'C:\\Otklik\\data\\mail\\a.eml'",
      "EPERM: operation not permitted, rename '…' -> '…'",
    ],
    ['UNC path', 'EIO: i/o error, write \\\\hq-files\\share\\mail\\a.eml', 'EIO: i/o error, write …'],
    ['a lone slash and a ratio are not paths', 'retry 2/5 in 30 s / later', 'retry 2/5 in 30 s / later'],
    ['line breaks folded', 'Connection closed\n  unexpectedly\r\n', 'Connection closed unexpectedly'],
  ])('%s', (_why, raw, told) => {
    expect(branchSafeError(raw)).toBe(told);
  });

  it('cuts a long text to the limit, marked', () => {
    const told = branchSafeError(`421 ${'x'.repeat(2000)}`);
    expect(told).toHaveLength(BRANCH_ERROR_MAX);
    expect(told.endsWith('…')).toBe(true);
  });
});

describe('what names a mail job (the console’s “send again”)', () => {
  const entry = '01890a5d-ac96-774b-bcce-b302099a8057';
  it.each([
    [mailJobId('book_entry', entry), true],
    [mailJobId('escalation', entry), true],
    [mailJobId('book_entry', entry.toUpperCase()), true],
    ['book_entry:nope', false],
    [`complaint:${entry}`, false],
    [`book_entry:${entry.slice(0, -1)}\u0000`, false],
    [`book_entry:${entry}\n`, false],
    [`book_entry:${entry}x`, false],
    ['', false],
  ])('%j → %s', (id, expected) => {
    expect(isMailJobId(id)).toBe(expected);
  });
});

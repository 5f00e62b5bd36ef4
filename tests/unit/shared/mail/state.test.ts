import { describe, expect, it } from 'vitest';
import {
  branchMailStatus,
  escalationMailStatus,
  MAIL_STATES,
  mailStateOf,
  type MailJobFacts,
  type MailState,
} from '../../../../shared/mail/state';

// R7, R8, R11: one vocabulary for where an entry's e-mail stands — what the branch is told on pull and what
// the escalation tells the head of sales are both derived from mailStateOf.

const facts = (f: Partial<MailJobFacts> = {}): MailJobFacts => ({
  status: 'pending',
  attempts: 0,
  lastErrorKind: null,
  missingPhotos: 0,
  ...f,
});

describe('what the branch is told on pull (branchMailStatus)', () => {
  it.each([
    [
      { ...facts(), lastError: null },
      { state: 'sending', attempts: 0 },
    ],
    [
      { ...facts({ missingPhotos: 2 }), lastError: null },
      { state: 'waiting_photos', attempts: 0, missingPhotos: 2 },
    ],
    [
      { ...facts({ attempts: 2, lastErrorKind: 'transient' }), lastError: 'ECONNECTION: connect refused' },
      { state: 'retrying', attempts: 2, lastError: 'ECONNECTION: connect refused' },
    ],
    [
      {
        ...facts({ attempts: 1, lastErrorKind: 'directory' }),
        lastError: 'branch MSK-01 has no manager e-mail',
      },
      { state: 'no_manager', attempts: 1, lastError: 'branch MSK-01 has no manager e-mail' },
    ],
    // HQ's file paths never reach the branch.
    [
      {
        ...facts({ attempts: 1, lastErrorKind: 'transient' }),
        lastError: "EACCES: permission denied, open '/srv/hq/mail/x.eml'",
      },
      { state: 'retrying', attempts: 1, lastError: "EACCES: permission denied, open '…'" },
    ],
    [
      {
        ...facts({ status: 'failed', attempts: 1, lastErrorKind: 'permanent' }),
        lastError: '550 No such user',
      },
      { state: 'failed', attempts: 1, lastError: '550 No such user' },
    ],
    // Once sent, an earlier error is history: not told.
    [
      { ...facts({ status: 'sent', attempts: 3, lastErrorKind: 'transient' }), lastError: '421 try later' },
      { state: 'sent', attempts: 3 },
    ],
  ] as const)('%o → %o', (input, told) => {
    expect(branchMailStatus(input)).toEqual(told);
  });
});

describe('what the escalation says about the entry’s e-mail (escalationMailStatus)', () => {
  const table: Array<[MailState, number, 'waiting' | 'retrying' | 'failed']> = [
    ['waiting_photos', 0, 'waiting'],
    ['waiting_photos', 3, 'waiting'],
    ['sending', 0, 'waiting'],
    ['sending', 1, 'retrying'],
    ['no_manager', 0, 'waiting'],
    ['no_manager', 2, 'retrying'],
    ['retrying', 4, 'retrying'],
    ['failed', 1, 'failed'],
    ['failed', 0, 'failed'],
    ['sent', 1, 'retrying'],
  ];
  it.each(table)('%s after %i attempts → %s', (state, attempts, status) => {
    expect(escalationMailStatus(state, attempts)).toBe(status);
  });

  it('covers every mail state', () => {
    expect(new Set(table.map(([s]) => s))).toEqual(new Set(MAIL_STATES));
  });

  // The wording before the states were shared: failed for good; waiting while photos are missing or nothing
  // was tried; retrying otherwise. Every possible combination of the job's facts gives the same answer as
  // that rule (a job is sent only once all its photos are stored, and stored photos stay: never sent with
  // photos missing).
  const statuses = ['pending', 'sent', 'failed'] as const;
  const kinds = [null, 'directory', 'transient', 'permanent'] as const;
  const combinations = statuses
    .flatMap((status) =>
      [0, 1, 3].flatMap((attempts) =>
        kinds.flatMap((lastErrorKind) =>
          [0, 2].map((missingPhotos) => facts({ status, attempts, lastErrorKind, missingPhotos })),
        ),
      ),
    )
    .filter((f) => !(f.status === 'sent' && f.missingPhotos > 0));
  it.each(combinations)('%o: as the escalation worded it before', (f) => {
    const before =
      f.status === 'failed' ? 'failed' : f.missingPhotos > 0 || !f.attempts ? 'waiting' : 'retrying';
    expect(escalationMailStatus(mailStateOf(f), f.attempts)).toBe(before);
  });
});

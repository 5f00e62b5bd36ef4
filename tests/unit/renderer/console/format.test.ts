import { describe, expect, it } from 'vitest';
import { mailWording } from '../../../../renderer/console/format';
import { MAIL_ERROR_KINDS } from '../../../../shared/mail/policy';
import { MAIL_STATES } from '../../../../shared/mail/state';
import cs from '../../../../locales/cs/console.json';
import en from '../../../../locales/en/console.json';
import ko from '../../../../locales/ko/console.json';
import ru from '../../../../locales/ru/console.json';
import uk from '../../../../locales/uk/console.json';

// Issue 14 review, R7, R8: the console words an e-mail's state and last error itself; HQ's English (an
// SMTP reply) is only a detail for support.

const SMTP = '550 5.1.1 <nobody@example.com>: Recipient address rejected';

describe('mailWording', () => {
  it.each([
    [
      'retrying, HQ says transient',
      { state: 'retrying', lastErrorKind: 'transient', lastError: 'ETIMEDOUT' },
      { state: 'retrying', problem: 'transient', detail: 'ETIMEDOUT' },
    ],
    [
      'failed for good',
      { state: 'failed', lastErrorKind: 'permanent', lastError: SMTP },
      { state: 'failed', problem: 'permanent', detail: SMTP },
    ],
    [
      'no manager in the directory',
      { state: 'no_manager', lastErrorKind: 'directory', lastError: 'Branch X-1 has no manager e-mail' },
      { state: 'no_manager', problem: 'directory', detail: 'Branch X-1 has no manager e-mail' },
    ],
    // The branch's mail status has no kind: the state says it.
    [
      'failed, no kind',
      { state: 'failed', lastError: SMTP },
      { state: 'failed', problem: 'permanent', detail: SMTP },
    ],
    ['no manager, no kind', { state: 'no_manager' }, { state: 'no_manager', problem: 'directory' }],
    [
      'retrying, no kind',
      { state: 'retrying', lastError: 'ECONNREFUSED' },
      { state: 'retrying', problem: 'transient', detail: 'ECONNREFUSED' },
    ],
    // A retry after an error while photos are still missing: the kind HQ recorded.
    [
      'waiting for photos after an error',
      { state: 'waiting_photos', lastErrorKind: 'transient', lastError: 'x' },
      { state: 'waiting_photos', problem: 'transient', detail: 'x' },
    ],
    ['waiting for photos', { state: 'waiting_photos' }, { state: 'waiting_photos' }],
    ['sending', { state: 'sending' }, { state: 'sending' }],
    [
      'sent after an earlier error',
      { state: 'sent', lastErrorKind: 'transient', lastError: 'x' },
      { state: 'sent' },
    ],
    [
      'an error of a kind this console does not know',
      { state: 'retrying', lastErrorKind: 'quota', lastError: 'y' },
      { state: 'retrying', problem: 'transient', detail: 'y' },
    ],
    [
      'a state this console does not know',
      { state: 'parked', lastError: 'z' },
      { state: 'unknown', problem: 'other', detail: 'parked · z' },
    ],
    [
      'a state this console does not know, no error',
      { state: 'parked' },
      { state: 'unknown', detail: 'parked' },
    ],
  ])('%s', (_name, mail, wording) => {
    expect(mailWording(mail)).toEqual(wording);
  });

  it('never shows HQ’s words as the message: every state and problem has a sentence in every language', () => {
    for (const [lng, texts] of Object.entries({ ru, uk, en, cs, ko })) {
      const mail = texts.mail as { states: Record<string, string>; problem: Record<string, string> };
      for (const state of [...MAIL_STATES, 'unknown'])
        expect(mail.states[state], `${lng} ${state}`).toMatch(/\S/);
      for (const kind of [...MAIL_ERROR_KINDS, 'other'])
        expect(mail.problem[kind], `${lng} ${kind}`).toMatch(/\S/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  ConsoleApiError,
  errorOf,
  errorWording,
  retryAfterSeconds,
  WORDED_ERRORS,
} from '../../../../../renderer/console/api/errors';
import { CONFLICT_REASONS } from '../../../../../shared/console/protocol';
import cs from '../../../../../locales/cs/console.json';
import en from '../../../../../locales/en/console.json';
import ko from '../../../../../locales/ko/console.json';
import ru from '../../../../../locales/ru/console.json';
import uk from '../../../../../locales/uk/console.json';

// Issue 14: HQ's `{code, message}` and the console's own failures, each worded in the user's language.

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('errorOf', () => {
  it('keeps HQ’s code and message and the Retry-After', async () => {
    const e = await errorOf(
      json(429, { code: 'rate_limited', message: 'Too many' }, { 'Retry-After': '120' }),
    );
    expect(e).toMatchObject({ status: 429, code: 'rate_limited', message: 'Too many', retryAfter: 120 });
  });

  it('keeps the reasons of a refused lifecycle step', async () => {
    const e = await errorOf(
      json(422, { code: 'invalid_body', message: 'Refused', reasons: ['justification_required'] }),
    );
    expect(e.reasons).toEqual(['justification_required']);
  });

  it('keeps which conflict a 409 was', async () => {
    const e = await errorOf(json(409, { code: 'conflict', message: 'exists', reason: 'user_exists' }));
    expect(e).toMatchObject({ status: 409, code: 'conflict', reason: 'user_exists' });
  });

  it('an answer that is not HQ’s error body is a bad answer (or a server error for 5xx)', async () => {
    expect((await errorOf(new Response('<html>proxy</html>', { status: 404 }))).code).toBe('bad_answer');
    expect((await errorOf(new Response('', { status: 502 }))).code).toBe('internal_error');
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-03-02T09:00:00Z');
    expect(retryAfterSeconds('30', now)).toBe(30);
    expect(retryAfterSeconds('Mon, 02 Mar 2026 09:02:00 GMT', now)).toBe(120);
    expect(retryAfterSeconds(null, now)).toBeUndefined();
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
  });
});

describe('errorWording', () => {
  it('401 is a wrong password at sign-in, an expired session elsewhere', () => {
    const e = new ConsoleApiError(401, 'unauthorized', 'no');
    expect(errorWording(e, 'sign_in').key).toBe('wrong_password');
    expect(errorWording(e).key).toBe('session_expired');
  });

  it('rate limiting says how many minutes to wait, at least one', () => {
    expect(errorWording(new ConsoleApiError(429, 'rate_limited', '', 150))).toEqual({
      key: 'rate_limited',
      minutes: 3,
    });
    expect(errorWording(new ConsoleApiError(429, 'rate_limited', '', 5)).minutes).toBe(1);
    expect(errorWording(new ConsoleApiError(429, 'rate_limited', '')).minutes).toBe(1);
  });

  it('a used or expired set-password link is said to be so', () => {
    expect(errorWording(new ConsoleApiError(400, 'link_invalid', 'x'), 'set_password').key).toBe(
      'link_invalid',
    );
    expect(errorWording(new ConsoleApiError(404, 'not_found', 'x'), 'set_password').key).toBe('link_invalid');
  });

  it.each([
    ['forbidden', 403, 'forbidden'],
    ['csrf', 403, 'csrf'],
    ['conflict', 409, 'conflict'],
    ['network', 0, 'network'],
    ['something_new', 418, 'bad_request'],
    ['something_new', 503, 'internal_error'],
  ])('%s (%i) → %s, with HQ’s words as the detail', (code, status, key) => {
    const wording = errorWording(new ConsoleApiError(status, code, 'HQ said so'));
    expect(wording).toEqual({ key, detail: 'HQ said so' });
  });

  // Issue 14 review: an admin's conflict is not "the complaint has changed".
  it.each([
    [undefined, 'conflict'],
    ['complaint_changed', 'conflict'],
    ['user_exists', 'conflict_user_exists'],
    ['branch_exists', 'conflict_branch_exists'],
    ['own_account', 'conflict_own_account'],
    ['mail_not_waiting', 'conflict_mail_not_waiting'],
    ['a_reason_from_a_newer_hq', 'conflict_unknown'],
  ])('409 conflict with reason %s → %s, HQ’s words as the detail', (reason, key) => {
    const e = new ConsoleApiError(409, 'conflict', 'HQ said so', undefined, undefined, reason);
    expect(errorWording(e)).toEqual({ key, detail: 'HQ said so' });
  });

  it('every conflict reason HQ sends has its own words, in every language', () => {
    const keys = CONFLICT_REASONS.map(
      (r) => errorWording(new ConsoleApiError(409, 'conflict', '', undefined, undefined, r)).key,
    );
    expect(new Set(keys).size).toBe(CONFLICT_REASONS.length);
    for (const [lng, texts] of Object.entries({ ru, uk, en, cs, ko })) {
      const error = texts.error as Record<string, string>;
      for (const key of [...keys, 'conflict_unknown'])
        expect(error[key], `${lng} error.${key}`).toMatch(/\S/);
      const sentences = keys.map((k) => error[k]);
      expect(new Set(sentences).size, lng).toBe(keys.length);
      for (const key of WORDED_ERRORS.filter((k) => k !== 'rate_limited'))
        expect(error[key], `${lng} error.${key}`).toBeTruthy();
    }
  });
});

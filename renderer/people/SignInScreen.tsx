import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { PIN_MAX_LENGTH } from '../../shared/people/pin';
import { nextTryAt } from '../../shared/people/sign-in';
import type { Employee } from '../../shared/people/model';
import { useDb } from '../db/context';
import { Field } from '../ui/Field';
import { useNow } from '../ui/useNow';
import { useCounter } from './context';
import { FirstPinFields } from './FirstPinFields';
import { pinFailures, setFirstPin, signInWithPin, type FirstPinOutcome, type SignInOutcome } from './signIn';
import { formatWait } from './waitTime';

type Problem = Exclude<SignInOutcome, { ok: true }> | Exclude<FirstPinOutcome, { ok: true }>;

/**
 * "Who is at the counter" (issue 14, R24): pick your name, enter your PIN; the first sign-in sets the PIN
 * (twice). Works offline: the PIN is checked against the hash on this PC. After a lock the list has the
 * focus, so switching user is Ctrl+L, then the name and the PIN.
 */
export function SignInScreen({ focusList }: { focusList: number }) {
  const { t } = useTranslation('people');
  const db = useDb();
  const counter = useCounter()!;
  const active = counter.employees.filter((e) => e.active);
  const [chosenId, setChosenId] = useState<string | null>(
    () => counter.shown?.id ?? (active.length === 1 ? active[0]!.id : null),
  );
  const chosen = active.find((e) => e.id === chosenId) ?? null;
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const failures = useLiveQuery(
    async () => (chosen ? ((await pinFailures(db, chosen.id)) ?? null) : null),
    [db, chosen?.id],
  );
  const now = useNow(1_000).getTime();
  const retryAt = nextTryAt(failures ?? undefined);
  const waiting = retryAt > now;
  const list = useRef<HTMLFieldSetElement>(null);
  const pinInput = useRef<HTMLInputElement>(null);

  // After every lock (Ctrl+L), the list: the arrow keys pick a name.
  useEffect(() => {
    const radios = list.current?.querySelectorAll<HTMLInputElement>('input[type=radio]');
    const checked = [...(radios ?? [])].find((r) => r.checked);
    (checked ?? radios?.[0])?.focus();
  }, [focusList]);

  const choose = (e: Employee) => {
    setChosenId(e.id);
    setPin('');
    setRepeat('');
    setProblem(null);
  };

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!chosen || busy || waiting) return;
    setBusy(true);
    try {
      const outcome = chosen.pin
        ? await signInWithPin(db, chosen.id, pin)
        : await setFirstPin(db, chosen.id, pin, repeat);
      if (outcome.ok) {
        setProblem(null);
        counter.signIn(outcome.employee);
      } else {
        setProblem(outcome);
        setPin('');
        setRepeat('');
        pinInput.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  }

  const onListKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      pinInput.current?.focus();
    }
  };

  const message = problemText(t, problem);
  return (
    <section className="page sign-in" aria-labelledby="sign-in-title" data-testid="sign-in">
      <div className="page-header">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
      </div>
      <p className="intro">{counter.shown ? t('signIn.locked') : t('signIn.intro')}</p>
      {active.length === 0 ? (
        <div className="banner banner-warning" role="alert">
          {t('signIn.noEmployees')}
        </div>
      ) : (
        <form className="sign-in-form" onSubmit={submit} noValidate>
          <fieldset ref={list} className="employee-choices" onKeyDown={onListKey}>
            <legend>{t('signIn.employees')}</legend>
            {active.map((e) => (
              <label key={e.id} className={`employee-choice ${e.id === chosenId ? 'chosen' : ''}`}>
                <input
                  type="radio"
                  name="employee"
                  value={e.id}
                  checked={e.id === chosenId}
                  onChange={() => choose(e)}
                />
                <span className="employee-name">{e.name}</span>
                <span className="muted">{t(`role.${e.role}`)}</span>
              </label>
            ))}
          </fieldset>
          {chosen && chosen.pin && (
            <Field id="sign-in-pin" label={t('signIn.pin')}>
              <input
                id="sign-in-pin"
                aria-invalid={message ? true : undefined}
                aria-describedby={message ? 'sign-in-problem' : undefined}
                ref={pinInput}
                type="password"
                inputMode="numeric"
                autoComplete="off"
                maxLength={PIN_MAX_LENGTH}
                value={pin}
                disabled={waiting}
                onChange={(e) => setPin(e.target.value.trim())}
              />
            </Field>
          )}
          {chosen && !chosen.pin && (
            <FirstPinFields
              pin={pin}
              repeat={repeat}
              onPin={setPin}
              onRepeat={setRepeat}
              pinRef={pinInput}
              problemId={message ? 'sign-in-problem' : undefined}
            />
          )}
          {message && (
            <p className="error" role="alert" id="sign-in-problem" data-testid="sign-in-problem">
              {message}
            </p>
          )}
          {waiting && (
            <p className="error" role="status" data-testid="sign-in-wait">
              {t('signIn.wait', { time: formatWait(retryAt - now) })}
            </p>
          )}
          {chosen && (
            <div className="form-actions">
              <button type="submit" className="primary" disabled={busy || waiting}>
                {busy ? t('signIn.checking') : chosen.pin ? t('signIn.submit') : t('signIn.setAndSignIn')}
              </button>
            </div>
          )}
          <p className="muted">
            {t('signIn.keys')} {t('signIn.forgot')}
          </p>
        </form>
      )}
    </section>
  );
}

function problemText(
  t: ReturnType<typeof useTranslation<'people'>>['t'],
  problem: Problem | null,
): string | null {
  if (!problem) return null;
  switch (problem.reason) {
    // With no try left, the wait (and its countdown) is what is said.
    case 'wrong_pin':
      return problem.triesLeft > 0 ? t('signIn.wrongPin', { count: problem.triesLeft }) : null;
    case 'wait':
    case 'no_pin':
      return null;
    case 'not_active':
      return t('signIn.notActive');
    case 'pin_exists':
      return t('signIn.pinExists');
    default:
      return t(`pinProblem.${problem.reason}`);
  }
}

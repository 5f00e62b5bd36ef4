import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../shared/console/protocol';
import { LanguageSelect } from '../../ui/LanguageSelect';
import { TextField } from '../../ui/Field';
import type { ConsoleApi } from '../api/client';
import { ErrorBanner } from '../ErrorBanner';
import { passwordProblem } from './password';

/** The one-time link `#/set-password/<token>` that `npm run hq -- user add` prints (or the admin screen shows). */
export function SetPasswordPage({ api, token }: { api: ConsoleApi; token: string }) {
  const { t } = useTranslation('console');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const problem = passwordProblem(password, again);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setShown(true);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await api.setPassword(token, password);
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="console-gate">
      <div className="console-gate-lang">
        <LanguageSelect />
      </div>
      <div className="console-card">
        <h1 id="set-password-title">{t('setPassword.title')}</h1>
        {done ? (
          <div role="status" data-testid="password-set">
            <p className="banner banner-success">{t('setPassword.done')}</p>
            <Link href="/">{t('setPassword.toSignIn')}</Link>
          </div>
        ) : (
          <form onSubmit={submit} noValidate aria-labelledby="set-password-title">
            <p className="muted">{t('setPassword.intro', { min: PASSWORD_MIN })}</p>
            {error !== null && <ErrorBanner error={error} context="set_password" />}
            <TextField
              id="new-password"
              label={t('setPassword.password')}
              type="password"
              value={password}
              maxLength={PASSWORD_MAX}
              onChange={setPassword}
              required
              error={
                shown && problem === 'too_short'
                  ? t('setPassword.tooShort', { min: PASSWORD_MIN })
                  : undefined
              }
            />
            <TextField
              id="new-password-again"
              label={t('setPassword.again')}
              type="password"
              value={again}
              maxLength={PASSWORD_MAX}
              onChange={setAgain}
              required
              error={shown && problem === 'mismatch' ? t('setPassword.mismatch') : undefined}
            />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={busy}>
                {t('setPassword.submit')}
              </button>
            </div>
          </form>
        )}
      </div>
    </main>
  );
}

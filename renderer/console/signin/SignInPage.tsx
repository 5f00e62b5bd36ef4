import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/complaints/validation';
import { PASSWORD_MAX, type ConsoleUser } from '../../../shared/console/protocol';
import { LanguageSelect } from '../../ui/LanguageSelect';
import { TextField } from '../../ui/Field';
import type { ConsoleApi } from '../api/client';
import { ErrorBanner } from '../ErrorBanner';

/** Why the sign-in screen is shown again. */
export type SignInNotice = 'expired' | 'signed_out' | 'password_set';

/** E-mail and password (issue 14); HQ answers a wrong pair and an unknown e-mail alike. */
export function SignInPage(props: {
  api: ConsoleApi;
  notice: SignInNotice | null;
  onSignedIn: (user: ConsoleUser) => void;
}) {
  const { t } = useTranslation('console');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim() || !password) return setMissing(true);
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      const session = await props.api.signIn(email.trim(), password);
      props.onSignedIn(session.user);
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="console-gate">
      <div className="console-gate-lang">
        <LanguageSelect />
      </div>
      <form className="console-card" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        {props.notice && (
          <div
            className={`banner ${props.notice === 'expired' ? 'banner-warning' : 'banner-success'}`}
            role="status"
            data-testid="sign-in-notice"
          >
            {t(`signIn.notice.${props.notice}`)}
          </div>
        )}
        {error !== null && <ErrorBanner error={error} context="sign_in" />}
        <TextField
          id="sign-in-email"
          label={t('signIn.email')}
          type="email"
          value={email}
          maxLength={LIMITS.email}
          onChange={setEmail}
          required
          error={missing && !email.trim() ? t('signIn.required') : undefined}
        />
        <TextField
          id="sign-in-password"
          label={t('signIn.password')}
          type="password"
          value={password}
          maxLength={PASSWORD_MAX}
          onChange={setPassword}
          required
          error={missing && !password ? t('signIn.required') : undefined}
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}

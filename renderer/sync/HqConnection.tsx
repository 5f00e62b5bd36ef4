import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { Field, describedBy } from '../shell/Field';
import { EnrollFailed, connectToHq } from './enroll';
import { useHqLink } from './hooks';

/** Settings → connection to HQ: the address and the one-time enrollment code HQ issued for this PC. */
export function HqConnection({ settings }: { settings: WorkstationSettings }) {
  const { t } = useTranslation('sync');
  const db = useDb();
  const link = useHqLink();
  const [hqUrl, setHqUrl] = useState(settings.hqUrl);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<EnrollFailed['reason'] | null>(null);
  const [reconnect, setReconnect] = useState(false);
  if (link === undefined) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await connectToHq(db, settings, { hqUrl, code });
      setCode('');
      setReconnect(false);
    } catch (err) {
      setError(err instanceof EnrollFailed ? err.reason : 'server');
    } finally {
      setBusy(false);
    }
  }

  const message = error ? t(`connect.errors.${error}`) : undefined;
  const urlError = error === 'invalid_url' ? message : undefined;
  const codeError = error && error !== 'invalid_url' ? message : undefined;
  return (
    <form
      className="page settings-form hq-connection"
      onSubmit={submit}
      noValidate
      aria-labelledby="hq-connection-title"
    >
      <section className="form-section">
        <h2 id="hq-connection-title">{t('connect.title')}</h2>
        {link && !reconnect ? (
          <>
            <p className="banner banner-success" role="status" data-testid="hq-connected">
              {t('connect.connected', { branch: link.branch.code, name: link.branch.name })}
            </p>
            <p className="muted">{t('status.connectedTo', { url: link.hqUrl, branch: link.branch.code })}</p>
            <button type="button" onClick={() => setReconnect(true)}>
              {t('connect.reconnect')}
            </button>
          </>
        ) : (
          <>
            <p className="intro">{t('connect.intro')}</p>
            <div className="grid-2">
              <Field id="hq-url" label={t('connect.hqUrl')} error={urlError}>
                <input
                  {...describedBy('hq-url', urlError, undefined)}
                  type="url"
                  spellCheck={false}
                  placeholder="https://"
                  value={hqUrl}
                  onChange={(e) => setHqUrl(e.target.value)}
                />
              </Field>
              <Field id="hq-code" label={t('connect.code')} error={codeError} hint={t('connect.codeHint')}>
                <input
                  {...describedBy('hq-code', codeError, t('connect.codeHint'))}
                  autoCapitalize="characters"
                  autoComplete="off"
                  spellCheck={false}
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
              </Field>
            </div>
            <div className="form-actions">
              <button type="submit" className="primary" disabled={busy}>
                {busy ? t('connect.connecting') : t('connect.submit')}
              </button>
            </div>
          </>
        )}
      </section>
    </form>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { Field, describedBy } from '../ui/Field';
import { EnrollFailed, checkHqUrl, connectToHq } from './enroll';
import { useHqLink } from './hooks';
import { HqChangeNotConfirmed, platform } from '../platform';

/** An enrollment interrupted by the reload that lets the desktop app reach the new HQ address. */
const PENDING_KEY = 'otklik.pendingEnrollment';

/** Settings → connection to HQ: the address and the one-time enrollment code HQ issued for this PC. */
export function HqConnection({ settings }: { settings: WorkstationSettings }) {
  const { t, i18n } = useTranslation('sync');
  const db = useDb();
  const link = useHqLink();
  const [hqUrl, setHqUrl] = useState(settings.hqUrl);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<EnrollFailed['reason'] | null>(null);
  const [reconnect, setReconnect] = useState(false);
  const resumed = useRef(false);

  async function connect(target: { hqUrl: string; code: string }) {
    setBusy(true);
    setError(null);
    try {
      checkHqUrl(target.hqUrl); // before the desktop app is asked to allow it
      // The desktop app allows exactly one HQ server; a new address takes effect after a reload, and the
      // enrollment goes on by itself afterwards (the code is kept for this tab only).
      const reload = await platform.allowHq(target.hqUrl, i18n.language).catch((err: unknown) => {
        if (err instanceof HqChangeNotConfirmed) throw new EnrollFailed('hq_change_cancelled', err.message);
        return false;
      });
      if (reload) {
        sessionStorage.setItem(PENDING_KEY, JSON.stringify(target));
        location.reload();
        return;
      }
      await connectToHq(db, settings, target);
      setCode('');
      setReconnect(false);
    } catch (err) {
      setError(err instanceof EnrollFailed ? err.reason : 'server');
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    const pending = sessionStorage.getItem(PENDING_KEY);
    if (!pending || resumed.current) return;
    resumed.current = true;
    sessionStorage.removeItem(PENDING_KEY);
    let target: { hqUrl: string; code: string };
    try {
      target = JSON.parse(pending) as { hqUrl: string; code: string };
    } catch {
      return; // A damaged note: the user connects again.
    }
    // After this render: the enrollment then runs like a click on Connect.
    const timer = setTimeout(() => void connect(target), 0);
    return () => clearTimeout(timer);
    // Runs once after a reload that an enrollment asked for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (link === undefined) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    await connect({ hqUrl, code });
  }

  const message = error ? t(`connect.errors.${error}`) : undefined;
  const onUrl = error === 'invalid_url' || error === 'insecure_url';
  const urlError = onUrl ? message : undefined;
  const codeError = error && !onUrl ? message : undefined;
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

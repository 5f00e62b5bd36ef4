import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '../../../shared/console/protocol';
import { canTakeOver } from '../../../shared/people/model';
import { StepsPanel } from '../../ui/lifecycle/StepsPanel';
import { errorWording } from '../api/errors';
import { ErrorBanner } from '../ErrorBanner';
import { useSession } from '../session';
import { NoteForm } from './NoteForm';
import { checkStep, refusalsIn, transitionAction } from './steps';

/**
 * What HQ may do with a complaint (not shown to the auditor, who only reads): take it over (the head of sales,
 * R14), comment, and every lifecycle step under the branch's rules. Each is an event the branch pulls.
 */
export function Actions({ detail, onChanged }: { detail: ComplaintDetail; onChanged: () => void }) {
  const { t } = useTranslation('console');
  const { api, user } = useSession();
  const c = detail.complaint;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mine = detail.owner?.id === user.id;

  async function takeOver() {
    setBusy(true);
    setError(null);
    try {
      await api.act(c.id, { type: 'take_over' });
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="console-actions" data-testid="complaint-actions">
      {canTakeOver(user.role) && (
        <section aria-labelledby="take-over">
          <h2 id="take-over">{t('actions.ownerTitle')}</h2>
          {error !== null && <ErrorBanner error={error} />}
          {mine ? (
            <p data-testid="owned-by-me">{t('actions.ownedByYou')}</p>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void takeOver()}
              data-testid="take-over"
            >
              {t('actions.takeOver')}
            </button>
          )}
        </section>
      )}
      <StepsPanel
        status={c.status}
        describeError={(err) =>
          t(`error.${errorWording(err).key}`, { count: errorWording(err).minutes ?? 1 })
        }
        onMove={async (to, extra) => {
          const refused = checkStep(c, to, extra, user.name, new Date());
          if (refused) return refused;
          try {
            await api.act(c.id, transitionAction(c.status, to, extra));
          } catch (err) {
            const reasons = refusalsIn(err);
            if (reasons) return reasons;
            throw err;
          }
          onChanged();
          return undefined;
        }}
      />
      <NoteForm
        onSave={async (text) => {
          await api.act(c.id, { type: 'note', text });
          onChanged();
        }}
      />
    </div>
  );
}

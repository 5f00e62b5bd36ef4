import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftRow } from '../db/database';
import { useDb } from '../db/context';
import { formatDateTime } from '../i18n/format';
import { adoptDraft, orphanDrafts } from './drafts';

const SHOWN = 3;
const EXCERPT = 60;

/**
 * Issue 13: drafts of New complaint forms whose windows are gone (closed, or lost in a crash of the whole
 * app) are offered here, never dropped: "Continue" makes one this window's draft. Offered while this form
 * is blank, so nothing typed here is replaced.
 */
export function OtherWindowDrafts({
  draftId,
  canContinue,
  timeZone,
  onContinue,
}: {
  draftId: string;
  canContinue: boolean;
  timeZone: string;
  onContinue: (draft: DraftRow) => void;
}) {
  const { t, i18n } = useTranslation('complaints');
  const db = useDb();
  const [orphans, setOrphans] = useState<DraftRow[]>([]);

  useEffect(() => {
    let live = true;
    void orphanDrafts(db, draftId).then((rows) => live && setOrphans(rows));
    return () => {
      live = false;
    };
  }, [db, draftId, canContinue]);

  if (orphans.length === 0) return null;
  const take = async (row: DraftRow) => {
    const adopted = await adoptDraft(db, row.id, draftId);
    if (adopted) onContinue(adopted);
    else setOrphans(await orphanDrafts(db, draftId));
  };
  return (
    <div className="banner banner-info" role="status" data-testid="other-drafts">
      {orphans.slice(0, SHOWN).map((row) => {
        const text = (row.input.description || row.input.customer.name).trim();
        return (
          <p key={row.id}>
            {t('form.otherDraft', {
              time: formatDateTime(row.updatedAt, i18n.language, timeZone),
              text: text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text,
            })}{' '}
            {canContinue ? (
              <button type="button" className="link-button" onClick={() => void take(row)}>
                {t('form.continueDraft')}
              </button>
            ) : (
              <span className="muted">{t('form.otherDraftLater')}</span>
            )}
          </p>
        );
      })}
      {orphans.length > SHOWN && (
        <p className="muted">{t('form.otherDraftsMore', { count: orphans.length - SHOWN })}</p>
      )}
    </div>
  );
}

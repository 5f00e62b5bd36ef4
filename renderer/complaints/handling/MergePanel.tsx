import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Complaint } from '../../../shared/complaints/model';
import { useDb } from '../../db/context';
import { useSignedInEmployee } from '../../people';
import { mergeComplaints } from './mergeActions';
import { StepErrors, useStep } from './useStep';

/**
 * R5: the merge of two complaints about one matter — where this one went (a reference to its survivor),
 * which were merged into it, and merging another one by its number (the one received first survives).
 */
export function MergePanel({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation('handling');
  const db = useDb();
  const me = useSignedInEmployee();
  const [number, setNumber] = useState('');
  const [notFound, setNotFound] = useState(false);
  const step = useStep();
  const p = complaint.progress;
  async function merge() {
    const other = await db.complaints.where('number').equals(number.trim()).first();
    setNotFound(!other);
    if (other && (await step.run(() => mergeComplaints(db, complaint.id, other.id, me)))) setNumber('');
  }
  return (
    <section aria-labelledby="merge-title" className="handling-panel" data-testid="merge">
      <h2 id="merge-title">{t('ui.merge.title')}</h2>
      {p.mergedInto && (
        <p className="banner banner-info" data-testid="merged-into">
          {t('ui.merge.into')}{' '}
          <Link href={`/complaints/${p.mergedInto.id}`} className="number">
            {p.mergedInto.number}
          </Link>
        </p>
      )}
      {(p.mergedFrom ?? []).length > 0 && (
        <p data-testid="merged-from">
          {t('ui.merge.from')}{' '}
          {p.mergedFrom!.map((m) => (
            <Link key={m.id} href={`/complaints/${m.id}`} className="number">
              {m.number}
            </Link>
          ))}
        </p>
      )}
      {!p.mergedInto && complaint.status !== 'closed' && (
        <div className="step-form">
          <label>
            {t('ui.merge.other')}
            <input value={number} onChange={(e) => setNumber(e.target.value)} />
          </label>
          {notFound && (
            <p className="error" role="alert">
              {t('ui.merge.notFound')}
            </p>
          )}
          <StepErrors errors={step.errors} testId="merge-error" />
          <button type="button" disabled={step.saving || number.trim() === ''} onClick={() => void merge()}>
            {t('ui.merge.save')}
          </button>
          <p className="hint">{t('ui.merge.hint')}</p>
        </div>
      )}
    </section>
  );
}

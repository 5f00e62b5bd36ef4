import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Complaint } from '../../../shared/complaints/model';
import type { DuplicateSettings } from '../../../shared/handling/duplicates';
import { canSeeInternalRegister } from '../../../shared/people/model';
import { useDb } from '../../db/context';
import { useSignedInEmployee } from '../../people';
import { mergeComplaints } from './mergeActions';
import { mergeCandidates } from './queries';
import { StepErrors, useStep } from './useStep';

/**
 * R5: the merge of two complaints about one matter — where this one went (a reference to its survivor),
 * which were merged into it, and merging another one by its number (the one received first survives). The
 * likely duplicates are offered here too (their number put in with one click): among them, after a pull,
 * the ones another PC of the branch registered while offline.
 */
export function MergePanel({
  complaint,
  duplicates,
}: {
  complaint: Complaint;
  duplicates: DuplicateSettings;
}) {
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
          <MergeCandidates complaint={complaint} duplicates={duplicates} onPick={setNumber} />
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

/** The likely duplicates of an open complaint, each with why and a button that puts its number in. */
function MergeCandidates(props: {
  complaint: Complaint;
  duplicates: DuplicateSettings;
  onPick: (number: string) => void;
}) {
  const { t } = useTranslation('handling');
  const db = useDb();
  const me = useSignedInEmployee();
  const internalToo = canSeeInternalRegister(me.role);
  const matches = useLiveQuery(
    () => mergeCandidates(db, props.complaint, internalToo, props.duplicates),
    [db, props.complaint, internalToo, JSON.stringify(props.duplicates)],
  );
  if (!matches || matches.length === 0) return null;
  return (
    <div data-testid="merge-candidates">
      <p>{t('ui.merge.likely')}</p>
      <ul>
        {matches.map((m) => (
          <li key={m.id} data-testid="merge-candidate">
            <Link href={`/complaints/${m.id}`} className="number">
              {m.number}
            </Link>{' '}
            {m.reasons.map((r) => t(`duplicateReason.${r}`)).join(', ')}{' '}
            <button type="button" onClick={() => props.onPick(m.number)}>
              {t('ui.merge.useNumber')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDb } from '../db/context';
import type { SyncProblem } from '../../shared/sync/problems';
import { problemText } from '../../shared/sync/problems';
import { requestSync } from './channel';
import { retryRefusedPhoto } from './state';

/** One file HQ refused for good: what it belongs to, its size, why, and what to do about it. */
export interface RefusedRow {
  sha256: string;
  size: number;
  lastError?: SyncProblem | string;
  reason: string;
  /** The pages or complaints the file belongs to, with links to them. */
  what: ReactNode;
  reasonText: string;
  fixText: string;
}

/**
 * R22/R23: the files HQ will not accept (a photo too large, a file of a refused type) on the Sync screen,
 * with "try again" for each once the user has fixed the cause or HQ's limit was raised.
 */
export function RefusedTable(props: {
  testId: string;
  rowTestId: string;
  retryTestId: string;
  title: string;
  text: string;
  whatHeading: string;
  rows: RefusedRow[];
}) {
  const { t } = useTranslation('sync');
  const db = useDb();
  return (
    <section data-testid={props.testId}>
      <h2>{props.title}</h2>
      <p className="muted">{props.text}</p>
      <table className="sync-table">
        <thead>
          <tr>
            <th>{props.whatHeading}</th>
            <th>{t('pending.size')}</th>
            <th>{t('rejected.reason')}</th>
            <th>{t('refusedPhotos.todo')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.sha256} data-testid={props.rowTestId} data-reason={row.reason}>
              <td>{row.what}</td>
              <td>{t('pending.sizeKb', { size: Math.ceil(row.size / 1024) })}</td>
              <td>
                <span title={row.lastError ? problemText(row.lastError).detail : undefined}>
                  {row.reasonText}
                </span>
              </td>
              <td>{row.fixText}</td>
              <td>
                <button
                  type="button"
                  data-testid={props.retryTestId}
                  onClick={async () => {
                    await retryRefusedPhoto(db, row.sha256);
                    requestSync('manual');
                  }}
                >
                  {t('refusedPhotos.retry')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

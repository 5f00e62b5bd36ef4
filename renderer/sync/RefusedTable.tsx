import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDb } from '../db/context';
import type { SyncProblem } from '../../shared/sync/problems';
import { problemText } from '../../shared/sync/problems';
import { requestSync } from './channel';
import { retryRefusedPhoto } from './state';

/** One file HQ refused for good: what it belongs to, its size, why. */
export interface RefusedRow {
  sha256: string;
  size: number;
  lastError?: SyncProblem | string;
  reason: string;
  /** The pages or complaints the file belongs to, with links to them. */
  what: ReactNode;
}

/** The two lists: feedback-book photos and files attached to complaints (their texts and test ids). */
const KINDS = {
  photos: { keys: 'refusedPhotos', what: 'refusedPhotos.page', row: 'refused-photo', retry: 'refused-retry' },
  files: {
    keys: 'refusedFiles',
    what: 'refusedFiles.file',
    row: 'refused-file',
    retry: 'refused-file-retry',
  },
} as const;

/**
 * R22/R23: the files HQ will not accept (a photo too large, a file of a refused type) on the Sync screen:
 * why, what to do about it, and "try again" for each once the cause is fixed or HQ's limit was raised.
 */
export function RefusedTable(props: { kind: keyof typeof KINDS; rows: RefusedRow[] }) {
  const kind = KINDS[props.kind];
  const { t } = useTranslation('sync');
  const db = useDb();
  return (
    <section data-testid={`refused-${props.kind}`}>
      <h2>{t(`${kind.keys}.title` as never)}</h2>
      <p className="muted">{t(`${kind.keys}.text` as never)}</p>
      <table className="sync-table">
        <thead>
          <tr>
            <th>{t(kind.what)}</th>
            <th>{t('pending.size')}</th>
            <th>{t('rejected.reason')}</th>
            <th>{t('refusedPhotos.todo')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.sha256} data-testid={kind.row} data-reason={row.reason}>
              <td>{row.what}</td>
              <td>{t('pending.sizeKb', { size: Math.ceil(row.size / 1024) })}</td>
              <td>
                <span title={row.lastError ? problemText(row.lastError).detail : undefined}>
                  {t(`${kind.keys}.reasons.${row.reason}` as never)}
                </span>
              </td>
              <td>{t(`${kind.keys}.fix.${row.reason}` as never)}</td>
              <td>
                <button
                  type="button"
                  data-testid={kind.retry}
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

import { useTranslation } from 'react-i18next';
import type { ConsoleAttachment } from '../../../shared/console/protocol';
import type { AttachmentKind } from '../../../shared/handling/codes';
import { formatDateTime, formatFileSize } from '../../i18n/format';
import { useSession } from '../session';

/**
 * R3, R5 (issue 15 item 2): the files attached to the complaint at its branch, each with name, size, type,
 * who and when; downloaded from HQ once its bytes have arrived (scope-checked there, always as a file).
 */
export function Attachments(props: { complaintId: string; files: ConsoleAttachment[]; timeZone: string }) {
  const { t, i18n } = useTranslation(['console', 'handling']);
  const { api } = useSession();
  if (props.files.length === 0) return null;
  return (
    <section aria-labelledby="attachments" data-testid="attachments">
      <h2 id="attachments">{t('handling:ui.attachments.title')}</h2>
      <ul>
        {props.files.map((f) => (
          <li key={f.id} data-testid="attachment" data-arrived={f.arrived}>
            {f.arrived ? (
              <a href={api.attachmentUrl(props.complaintId, f.id)} download={f.fileName}>
                {f.fileName}
              </a>
            ) : (
              <strong>{f.fileName}</strong>
            )}{' '}
            · {formatFileSize(f.size, i18n.language)} ·{' '}
            {t(`handling:attachmentKind.${f.kind as AttachmentKind}`)} ·{' '}
            <span className="muted">
              {t('handling:ui.attachments.by', {
                name: f.addedBy,
                when: formatDateTime(f.addedAt, i18n.language, props.timeZone),
              })}
            </span>
            {!f.arrived && (
              <>
                {' '}
                · <span className="muted">{t('console:complaint.attachmentAwaited')}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

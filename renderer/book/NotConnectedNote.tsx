import { useTranslation } from 'react-i18next';
import type { HqReach } from '../../shared/book/risk';

/** R7: a workstation never connected to HQ sends nothing by itself; the entry says so plainly. */
export function NotConnectedNote({ reach, delivered = false }: { reach: HqReach; delivered?: boolean }) {
  const { t } = useTranslation('book');
  if (reach.kind !== 'not_connected' || delivered) return null;
  return (
    <p className="banner banner-warning" role="status" data-testid="book-not-connected">
      {t('notConnected')}
    </p>
  );
}

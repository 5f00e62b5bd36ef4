import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../ErrorBanner';
import { useSession } from '../session';
import { useRequest } from '../useRequest';
import { ComplaintTable } from './ComplaintTable';
import { Filters } from './Filters';
import { useRegisterFilters } from './state';
import { useComplaintPages } from './usePages';

/** Register of every complaint the user may see (HQ scopes it in SQL): filters, search, order, "more". */
export function RegisterPage() {
  const { t } = useTranslation('console');
  const { api, user } = useSession();
  const [filters, setFilters] = useRegisterFilters();
  const pages = useComplaintPages(api, filters);
  // The branches to filter by: a manager's own, or those the queues list for the roles that see all.
  const queues = useRequest(
    () => (user.role === 'manager' ? Promise.resolve(null) : api.queues()),
    [api, user],
  );
  const branches = user.role === 'manager' ? user.branches : (queues.data?.branches.map((b) => b.code) ?? []);

  return (
    <div className="page console-register">
      <div className="page-header">
        <h1>{t('register.title')}</h1>
      </div>
      <Filters value={filters} onChange={setFilters} branches={branches} />
      {pages.error !== null && <ErrorBanner error={pages.error} onRetry={pages.reload} />}
      <p className="muted" role="status" aria-live="polite" data-testid="register-count">
        {pages.loading && pages.items.length === 0
          ? t('app.loading')
          : pages.items.length === 0 && pages.error === null
            ? t('register.nothing')
            : t('register.shown', { count: pages.items.length })}
      </p>
      {pages.items.length > 0 && <ComplaintTable items={pages.items} caption={t('register.title')} />}
      {pages.nextCursor && (
        <button
          type="button"
          className="more"
          disabled={pages.loading}
          onClick={() => pages.more()}
          data-testid="register-more"
        >
          {pages.loading ? t('app.loading') : t('register.more')}
        </button>
      )}
    </div>
  );
}

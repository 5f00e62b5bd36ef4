import { useTranslation } from 'react-i18next';
import { Link, Redirect } from 'wouter';
import { BranchesAdmin } from './BranchesAdmin';
import { DevicesAdmin } from './DevicesAdmin';
import { EmployeesAdmin } from './EmployeesAdmin';
import { PoliciesAdmin } from './PoliciesAdmin';
import { UsersAdmin } from './UsersAdmin';

const TABS = ['branches', 'policies', 'employees', 'devices', 'users'] as const;
type Tab = (typeof TABS)[number];
const isTab = (s: string | undefined): s is Tab => (TABS as readonly (string | undefined)[]).includes(s);

/** Administration (admin role): people, branches, devices — never complaint contents. */
export function AdminPage({ section }: { section: string | undefined }) {
  const { t } = useTranslation('console');
  if (!isTab(section)) return <Redirect to="/admin/branches" replace />;
  return (
    <div className="page console-admin">
      <div className="page-header">
        <h1>{t('admin.title')}</h1>
      </div>
      <nav className="console-tabs" aria-label={t('admin.title')}>
        {TABS.map((tab) => (
          <Link
            key={tab}
            href={`/admin/${tab}`}
            className={tab === section ? 'active' : ''}
            aria-current={tab === section ? 'page' : undefined}
          >
            {t(`admin.tabs.${tab}`)}
          </Link>
        ))}
      </nav>
      {section === 'branches' && <BranchesAdmin />}
      {section === 'policies' && <PoliciesAdmin />}
      {section === 'employees' && <EmployeesAdmin />}
      {section === 'devices' && <DevicesAdmin />}
      {section === 'users' && <UsersAdmin />}
    </div>
  );
}

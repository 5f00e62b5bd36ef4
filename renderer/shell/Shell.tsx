import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { LanguageSwitcher } from './LanguageSwitcher';
import { StatusBar } from './StatusBar';
import { StorageWarning } from './StorageWarning';
import { AtRiskBanner } from '../book';
import { SignedInBadge, useCounter } from '../people';
import { ClockSkewBanner } from '../sync/ClockSkewBanner';
import { CallbackReminders } from '../complaints';

const NAV_ITEMS = [
  {
    path: '/complaints',
    key: 'nav.complaints',
    match: (p: string) => p === '/complaints' || /^\/complaints\/(?!new$)/.test(p),
  },
  { path: '/complaints/new', key: 'nav.newComplaint', match: (p: string) => p === '/complaints/new' },
  { path: '/book', key: 'nav.feedbackBook', match: (p: string) => p.startsWith('/book') },
  { path: '/settings', key: 'nav.settings', match: (p: string) => p.startsWith('/settings') },
  { path: '/sync', key: 'nav.sync', match: (p: string) => p.startsWith('/sync') },
] as const;

/** Alt+1…5 jump between the sections from anywhere, without leaving the keyboard. */
function useSectionShortcuts(navigate: (to: string) => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const index = Number(e.key) - 1;
      const item = NAV_ITEMS[index];
      if (item) {
        e.preventDefault();
        navigate(item.path);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
}

export function Shell({ settings, children }: { settings: WorkstationSettings | null; children: ReactNode }) {
  const { t } = useTranslation();
  const [location, navigate] = useLocation();
  useSectionShortcuts(navigate);
  // Locked (issue 14): the sections are hidden with the screens; the header says only where this PC is.
  const counter = useCounter();
  const locked = counter !== null && counter.signedIn === null;
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          {settings && (
            <span className="brand-branch" data-testid="branch-label">
              {settings.branchCode} · {settings.branchName}
            </span>
          )}
        </div>
        <SignedInBadge />
        <StatusBar />
        <LanguageSwitcher />
      </header>
      <nav className="app-nav" aria-label={t('nav.label')} hidden={locked}>
        <ul>
          {NAV_ITEMS.map((item, i) => (
            <li key={item.path}>
              <Link
                href={item.path}
                className={item.match(location) ? 'active' : ''}
                aria-current={item.match(location) ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${i + 1}`}
              >
                <span>{t(item.key)}</span>
                <kbd aria-hidden="true">{t('keys.altDigit', { digit: i + 1 })}</kbd>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main className="app-main">
        <StorageWarning />
        {/* R7: the feedback book's warning stays on the lock screen too: it says nothing of a customer. */}
        <ClockSkewBanner />
        {settings && <AtRiskBanner settings={settings} />}
        {/* R4: callbacks name customers' numbers: only to an employee signed in. */}
        {settings && counter?.signedIn && (
          <CallbackReminders timeZone={settings.timeZone} role={counter.signedIn.role} />
        )}
        {children}
      </main>
    </div>
  );
}

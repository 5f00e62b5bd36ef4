import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { LanguageSelect } from '../ui/LanguageSelect';
import { sectionsFor } from './roles';
import { useSession } from './session';

/** Header (who is signed in, language, sign out) and the sections a role may open, Alt+1… from anywhere. */
export function Frame({ children }: { children: ReactNode }) {
  const { t } = useTranslation('console');
  const { user, signOut } = useSession();
  const [location, navigate] = useLocation();
  const sections = sectionsFor(user.role);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const section = sections[Number(e.key) - 1];
      if (section) {
        e.preventDefault();
        navigate(section.path);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sections, navigate]);

  const active = (path: string) =>
    location.startsWith(path) || (path === '/register' && location.startsWith('/complaints'));
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-branch" data-testid="console-user">
            {user.name} · {t(`role.${user.role}`)}
            {user.role === 'manager' && user.branches.length > 0 && ` · ${user.branches.join(', ')}`}
          </span>
        </div>
        <LanguageSelect />
        <button type="button" onClick={() => void signOut()} data-testid="sign-out">
          {t('signOut')}
        </button>
      </header>
      <nav className="app-nav" aria-label={t('nav.label')}>
        <ul>
          {sections.map((s, i) => (
            <li key={s.path}>
              <Link
                href={s.path}
                className={active(s.path) ? 'active' : ''}
                aria-current={active(s.path) ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${i + 1}`}
              >
                <span>{t(s.key)}</span>
                <kbd aria-hidden="true">{t('keys.altDigit', { digit: i + 1 })}</kbd>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main className="app-main">{children}</main>
    </div>
  );
}

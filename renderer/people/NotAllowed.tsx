import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';

/**
 * What a signed-in employee sees instead of a screen their role may not open (R24): the internal register,
 * the employees of the branch. `registered`: the number of a complaint they have just registered there.
 */
export function NotAllowed({ what, registered }: { what: 'internal' | 'employees'; registered?: string }) {
  const { t } = useTranslation('people');
  return (
    <div className="page empty-state" data-testid="not-allowed">
      <h1>{t('notAllowed.title')}</h1>
      {registered && (
        <p className="banner banner-success" role="status">
          {t('notAllowed.registered', { number: registered })}
        </p>
      )}
      <p>{t(`notAllowed.${what}`)}</p>
      <Link href="/complaints">{t('notAllowed.back')}</Link>
    </div>
  );
}

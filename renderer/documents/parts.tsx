import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { BranchDetails, CustomerBlock } from '../../shared/documents';
import { formatCheckCode } from '../../shared/documents';

/** The templates' translator: fixed to the document's language, not the screen's (R25). */
export type DocT = TFunction<['documents', 'complaints', 'lifecycle']>;

/** The letterhead: the branch and how to reach it (R9). An empty field is left out, never printed blank. */
export function BranchHeader({ branch, t }: { branch: BranchDetails; t: DocT }) {
  return (
    <header className="doc-branch" data-testid="doc-branch">
      <div className="doc-branch-name">{branch.name}</div>
      {branch.address && <div>{branch.address}</div>}
      <BranchReach branch={branch} t={t} />
    </header>
  );
}

export function BranchReach({ branch, t }: { branch: BranchDetails; t: DocT }) {
  return (
    <>
      {branch.phone && <div>{t('branch.phone', { phone: branch.phone })}</div>}
      {branch.email && <div>{t('branch.email', { email: branch.email })}</div>}
      {branch.hours ? (
        <div>{t('branch.hoursText', { hours: branch.hours })}</div>
      ) : (
        branch.opens &&
        branch.closes && <div>{t('branch.hours', { opens: branch.opens, closes: branch.closes })}</div>
      )}
    </>
  );
}

export function Fields({ children }: { children: ReactNode }) {
  return <dl className="doc-fields">{children}</dl>;
}

/** One labelled value; nothing at all when the value is empty. */
export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  if (children === '' || children === undefined || children === null || children === false) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

export function NumberLine({ number, checkCode, t }: { number: string; checkCode: string; t: DocT }) {
  return (
    <>
      <p className="doc-number" data-testid="doc-number">
        {t('common.numberValue', { number })}
      </p>
      <p>
        {t('common.checkCode')}{' '}
        <span className="doc-code" data-testid="doc-check-code">
          {formatCheckCode(checkCode)}
        </span>
      </p>
    </>
  );
}

export function Contacts({ customer, t }: { customer: CustomerBlock; t: DocT }) {
  if (customer.contacts.length === 0)
    return customer.noContactReason ? <>{t('contact.none', { reason: customer.noContactReason })}</> : null;
  return (
    <ul className="doc-list">
      {customer.contacts.map((c) => (
        <li key={c.kind}>
          {t(`contact.${c.kind}`, { value: c.value })}
          {customer.preferredContact !== '' && preferredMatches(customer.preferredContact, c.kind) && (
            <> ({t('contact.preferred')})</>
          )}
        </li>
      ))}
    </ul>
  );
}

const preferredMatches = (preferred: string, kind: string) =>
  preferred === kind || (preferred === 'post' && kind === 'address');

export function Footer({ children }: { children: ReactNode }) {
  return <footer className="doc-footer doc-muted">{children}</footer>;
}

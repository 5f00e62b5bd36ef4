import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolicyLayer } from '../../../shared/settings/policy-layers';
import { adminApi } from '../api/admin';
import { ErrorBanner } from '../ErrorBanner';
import { useSession } from '../session';
import { useRequest } from '../useRequest';
import { SelectField, TextField } from '../../ui/Field';
import { PolicyForm } from './PolicyForm';
import { policyFormOf } from './policyForm';
import { useAction } from './useAction';

const COMPANY = '';

/**
 * R10 (issue 15 items 3 and 7): the company's name (the phone greeting at every branch) and the policy
 * layers — the company's, and each branch's over it. Branches receive them with their next sync; every
 * change is audited at HQ.
 */
export function PoliciesAdmin() {
  const { t } = useTranslation(['console', 'settings']);
  const { api } = useSession();
  const admin = useMemo(() => adminApi(api), [api]);
  const policies = useRequest(() => admin.policies(), [admin]);
  const [scope, setScope] = useState(COMPANY);
  const [name, setName] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const action = useAction(policies.reload);
  const data = policies.data;
  const layer: PolicyLayer | undefined =
    scope === COMPANY ? data?.company : data?.branches.find((b) => b.code === scope)?.layer;

  async function saveLayer(next: PolicyLayer) {
    setSaved(false);
    const done = await action.run(async () => {
      if (scope === COMPANY) await admin.setCompanyPolicy(next);
      else await admin.setBranchPolicy(scope, next);
      return true;
    });
    if (done) setSaved(true);
  }
  async function saveName(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    if (await action.run(async () => (await admin.setCompanyName((name ?? '').trim()), true))) setSaved(true);
  }

  return (
    <section aria-labelledby="admin-policies" data-testid="policies-admin">
      <h2 id="admin-policies" className="visually-hidden">
        {t('console:admin.tabs.policies')}
      </h2>
      {policies.state === 'failed' && <ErrorBanner error={policies.error} onRetry={policies.reload} />}
      {action.error !== null && <ErrorBanner error={action.error} />}
      {saved && (
        <div className="banner banner-success" role="status" data-testid="policy-saved">
          {t('console:admin.policies.saved')}
        </div>
      )}
      {data && (
        <>
          <form className="console-form" onSubmit={(e) => void saveName(e)} noValidate>
            <TextField
              id="company-name"
              label={t('console:admin.policies.companyName')}
              hint={t('console:admin.policies.companyNameHint')}
              value={name ?? data.companyName}
              maxLength={120}
              onChange={setName}
            />
            <button type="submit" disabled={action.busy}>
              {t('console:admin.save')}
            </button>
          </form>
          <SelectField
            id="policy-scope"
            label={t('console:admin.policies.scope')}
            value={scope}
            options={data.branches.map((b) => b.code)}
            optionLabel={(code) => `${code} — ${data.branches.find((b) => b.code === code)?.name ?? ''}`}
            none={t('console:admin.policies.company')}
            onChange={(value) => {
              setSaved(false);
              setScope(value);
            }}
          />
          {layer && (
            <PolicyForm
              key={`${scope}:${JSON.stringify(layer)}`}
              scope={scope || 'company'}
              initial={policyFormOf(layer)}
              belowRecourse={scope === COMPANY ? undefined : (data.company.recourse ?? {})}
              busy={action.busy}
              onSubmit={(next) => void saveLayer(next)}
            />
          )}
        </>
      )}
    </section>
  );
}

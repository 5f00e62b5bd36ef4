import { useTranslation } from 'react-i18next';
import type { PolicyPresetId } from '../../shared/deadlines/policies';
import { majorAmount } from '../../shared/documents/money';
import { POLICY_FIELDS, type PolicyField, type ResolvedPolicy } from '../../shared/settings/policy-layers';

/**
 * R10 (issue 15 item 7): what headquarters sets for this branch — each policy value with where it comes
 * from (the company's policy, the branch's, or this workstation), the handling policy HQ runs by (approval
 * thresholds, escalation delays, the duplicate window), and what HQ lets the branch set for itself.
 */
export function HqPolicySection(props: { policy: ResolvedPolicy; companyName: string }) {
  const { t, i18n } = useTranslation(['settings', 'lifecycle']);
  const { policy, companyName } = props;
  const shown = (field: PolicyField): string => {
    const v = policy.values[field];
    if (field === 'policyId') return t(`lifecycle:policy.name.${v as PolicyPresetId}`);
    if (Array.isArray(v)) return t('hqPolicy.daysCount', { n: v.length });
    if (typeof v === 'boolean') return t(v ? 'hqPolicy.yes' : 'hqPolicy.no');
    return String(v);
  };
  const { approvalThresholds, escalation, duplicates } = policy.handling;
  const thresholds = Object.entries(approvalThresholds)
    .map(([currency, minor]) =>
      new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(
        majorAmount({ amountMinor: minor, currency }),
      ),
    )
    .join(' · ');
  return (
    <section className="form-section" aria-labelledby="hq-policy-title" data-testid="hq-policy">
      <h2 id="hq-policy-title">{t('sectionHqPolicy')}</h2>
      <p className="muted">{t('hqPolicyIntro')}</p>
      {companyName && (
        <p data-testid="hq-company-name">
          {t('hqPolicy.companyName')}: <strong>{companyName}</strong>
        </p>
      )}
      <table className="sync-table">
        <thead>
          <tr>
            <th scope="col">{t('hqPolicy.setting')}</th>
            <th scope="col">{t('hqPolicy.value')}</th>
            <th scope="col">{t('hqPolicy.source')}</th>
          </tr>
        </thead>
        <tbody>
          {POLICY_FIELDS.map((field) => (
            <tr key={field} data-testid={`hq-policy-${field}`} data-source={policy.source[field]}>
              <th scope="row">{t(`fields.${field}`)}</th>
              <td>{shown(field)}</td>
              <td>{t(`policySource.${policy.source[field]}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul>
        <li data-testid="hq-policy-thresholds">
          {t('hqPolicy.thresholds')}: {thresholds}
        </li>
        <li data-testid="hq-policy-escalation">
          {t('hqPolicy.escalation')}:{' '}
          {t('hqPolicy.escalationValue', {
            minutes: escalation.branchManagerAfterMinutes,
            hours: escalation.headOfSalesAfterHours,
          })}
        </li>
        <li>{t('hqPolicy.duplicates', { days: duplicates.windowDays })}</li>
      </ul>
      <p data-testid="hq-policy-may-override">
        {policy.mayOverride.length > 0
          ? t('hqPolicy.mayOverride', {
              list: policy.mayOverride.map((o) => t(`hqPolicy.overridable.${o}`)).join(', '),
            })
          : t('hqPolicy.mayOverrideNone')}
      </p>
    </section>
  );
}

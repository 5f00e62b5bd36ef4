import { useTranslation } from 'react-i18next';
import { minorDigits } from '../../shared/documents/money';
import { DUPLICATE_WINDOW_RANGE } from '../../shared/handling/duplicates';
import type { HandlingPolicy } from '../../shared/handling/policy';
import {
  overrideAccess,
  type OverrideAccess,
  type PolicyOverridable,
} from '../../shared/settings/policy-layers';
import type { LocalHandling, SettingsField, WorkstationSettings } from '../../shared/settings/workstation';
import { Field, describedBy } from '../ui/Field';

/**
 * R10 (issue 15): the branch's own approval thresholds (only stricter than HQ's) and duplicate window,
 * where HQ allows it, set by the branch manager; HQ's value is the default (an empty field). Where HQ does
 * not allow it, HQ's value read-only, "set by HQ". Stored with this workstation's settings; the rules read
 * them through the resolved policy (shared/settings/directory `resolvedPolicyOf`).
 */
export function BranchOverridesSection(props: {
  value: WorkstationSettings;
  set: <K extends SettingsField>(key: K, v: WorkstationSettings[K]) => void;
  message: (field: SettingsField) => string | undefined;
  /** HQ's handling policy for this branch, without this workstation's own values. */
  hq: HandlingPolicy;
  mayOverride: readonly PolicyOverridable[];
  role: string | undefined;
}) {
  const { t, i18n } = useTranslation('settings');
  const { value, set, hq } = props;
  const own: LocalHandling = value.localHandling ?? {};
  const access = {
    approvalThresholds: overrideAccess('approvalThresholds', props.mayOverride, props.role),
    duplicates: overrideAccess('duplicates', props.mayOverride, props.role),
  };
  const hintOf = (a: OverrideAccess, hqValue: string) =>
    a === 'set_by_hq'
      ? t('hints.setByHq')
      : `${t(`branchOverrides.access.${a}`)} ${t('branchOverrides.hqDefault', { value: hqValue })}`;
  const plain = (n: number, digits = 0) =>
    new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(n);

  const setThreshold = (currency: string, text: string) => {
    const thresholds = { ...own.approvalThresholds };
    if (text.trim() === '') delete thresholds[currency];
    else thresholds[currency] = Math.round(Number(text) * 10 ** minorDigits(currency));
    const { approvalThresholds: _dropped, ...rest } = own;
    set(
      'localHandling',
      Object.keys(thresholds).length > 0 ? { ...rest, approvalThresholds: thresholds } : rest,
    );
  };
  const setWindow = (text: string) => {
    const { duplicates: _dropped, ...rest } = own;
    set('localHandling', text.trim() === '' ? rest : { ...rest, duplicates: { windowDays: Number(text) } });
  };
  const error = props.message('localHandling');

  return (
    <section className="form-section" aria-labelledby="branch-overrides-title" data-testid="branch-overrides">
      <h2 id="branch-overrides-title">{t('branchOverrides.title')}</h2>
      <p className="muted">{t('branchOverrides.intro')}</p>
      <div className="grid-2">
        {Object.entries(hq.approvalThresholds).map(([currency, hqMinor]) => {
          const digits = minorDigits(currency);
          const hqMajor = hqMinor / 10 ** digits;
          const a = access.approvalThresholds;
          const ownMinor = own.approvalThresholds?.[currency];
          const shown = a === 'set_by_hq' ? hqMajor : ownMinor === undefined ? '' : ownMinor / 10 ** digits;
          const id = `s-threshold-${currency}`;
          const hint = hintOf(a, `${plain(hqMajor, digits)} ${currency}`);
          return (
            <Field key={currency} id={id} label={t('branchOverrides.threshold', { currency })} hint={hint}>
              <input
                {...describedBy(id, undefined, hint)}
                type="number"
                min={0}
                max={hqMajor}
                step={10 ** -digits}
                readOnly={a !== 'editable'}
                data-access={a}
                data-testid={`override-threshold-${currency}`}
                placeholder={String(hqMajor)}
                value={Number.isFinite(shown) ? shown : ''}
                onChange={(e) => setThreshold(currency, e.target.value)}
              />
            </Field>
          );
        })}
        {(() => {
          const a = access.duplicates;
          const id = 's-duplicate-window';
          const hint = hintOf(a, plain(hq.duplicates.windowDays));
          const ownDays = own.duplicates?.windowDays;
          const shown = a === 'set_by_hq' ? hq.duplicates.windowDays : (ownDays ?? '');
          return (
            <Field id={id} label={t('branchOverrides.windowDays')} hint={hint}>
              <input
                {...describedBy(id, undefined, hint)}
                type="number"
                min={DUPLICATE_WINDOW_RANGE.min}
                max={DUPLICATE_WINDOW_RANGE.max}
                step={1}
                readOnly={a !== 'editable'}
                data-access={a}
                data-testid="override-window-days"
                placeholder={String(hq.duplicates.windowDays)}
                value={Number.isFinite(shown) ? shown : ''}
                onChange={(e) => setWindow(e.target.value)}
              />
            </Field>
          );
        })()}
      </div>
      {error && (
        <p className="error" role="alert" data-testid="error-localHandling">
          {error}
        </p>
      )}
    </section>
  );
}

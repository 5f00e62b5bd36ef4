import { useTranslation } from 'react-i18next';
import type { ChannelTerms, ConsiderationPolicy, TermDueKind, TermRule } from '../../shared/deadlines';

const TERM_OF: Record<TermDueKind, keyof ChannelTerms> = {
  acknowledge: 'acknowledge',
  preliminary_answer: 'preliminaryAnswer',
  final_answer: 'finalAnswer',
  follow_up: 'followUp',
};

/** A policy read out from its rules, so what the screen says is always what the deadline engine does. */
export function PolicySummary({ policy }: { policy: ConsiderationPolicy }) {
  const { t } = useTranslation('lifecycle');
  const term = (rule: TermRule) => {
    if (rule.amount === 0) return t('term.immediately');
    const key =
      rule.unit === 'days'
        ? rule.counting === 'working'
          ? 'workingDays'
          : 'calendarDays'
        : rule.unit === 'hours'
          ? rule.counting === 'working'
            ? 'workingHours'
            : 'hours'
          : rule.unit;
    return t(`term.${key}`, { count: rule.amount });
  };
  return (
    <dl className="policy-summary" data-testid="policy-summary">
      {(['written', 'oral'] as const).map((form) => (
        <div key={form}>
          <dt>{t(`policy.${form}`)}</dt>
          <dd>
            {(Object.keys(TERM_OF) as TermDueKind[])
              .flatMap((kind) => {
                const rule = policy[form][TERM_OF[kind]];
                return rule ? [t('term.item', { kind: t(`due.kind.${kind}`), term: term(rule) })] : [];
              })
              .join('; ')}
          </dd>
        </div>
      ))}
    </dl>
  );
}

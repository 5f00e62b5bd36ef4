import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Complaint } from '../../../shared/complaints/model';
import { customerLanguageOf } from '../../../shared/documents/language';
import { recourseWordsOf, type RecourseRoute } from '../../../shared/documents/recourse';
import { recourseRoutesToExplain } from '../../../shared/handling/recourse';
import { LANGUAGES, type Language, type WorkstationSettings } from '../../../shared/settings/workstation';
import { useDb } from '../../db/context';
import { endonym } from '../../i18n/format';
import { useSignedInEmployee } from '../../people';
import { useHqPolicy } from '../../sync/hooks';
import { explainRecourse } from './actions';
import { StepErrors, useStep } from './useStep';

/**
 * R17: when the customer rejects the decision (or it was not upheld), the country's external bodies and
 * routes, in the customer's language (the one recorded on the complaint; the employee may switch), and the
 * record that they were explained.
 */
export function RecoursePanel({
  complaint,
  settings,
}: {
  complaint: Complaint;
  settings: WorkstationSettings;
}) {
  const { t } = useTranslation('handling');
  const db = useDb();
  const me = useSignedInEmployee();
  // R17, R25: starts on the customer's language recorded at registration (the branch's for older records).
  const [language, setLanguage] = useState<Language>(() => customerLanguageOf(complaint, settings.language));
  // The customer's language need not be the screen's: its catalogue loads when first chosen (issue 17); until
  // then the routes are not shown (nor worded in another language) and nothing can be recorded.
  const { t: say, ready } = useTranslation('documents', { lng: language, useSuspense: false });
  const step = useStep();
  const p = complaint.progress;
  // Issue 15: the routes HQ configured for the company or this branch, else the shipped ones (R10, R17).
  const { recourse } = useHqPolicy(settings);
  const routes = recourseRoutesToExplain(settings.country, p.decision?.outcome, p.followUpOutcome, recourse);
  if (routes.length === 0 || p.mergedInto) return null;
  const words = (r: RecourseRoute) => {
    const w = recourseWordsOf(r, language);
    return 'text' in w ? w.text : say(`recourse.${w.shipped}`);
  };
  return (
    <section aria-labelledby="recourse-title" className="handling-panel" data-testid="recourse">
      <h2 id="recourse-title">{t('ui.recourse.title')}</h2>
      <label>
        {t('ui.recourse.language')}
        <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {endonym(l)}
            </option>
          ))}
        </select>
      </label>
      <ul lang={language} data-testid="recourse-routes">
        {ready &&
          routes.map((r) => (
            <li key={r.id} data-testid={`recourse-${r.id}`}>
              {r.officialName && <strong>{r.officialName}: </strong>}
              {words(r)}
              {r.website && <> · {r.website}</>}
              {r.phone && <> · {say('recourse.phone', { phone: r.phone })}</>}
            </li>
          ))}
      </ul>
      {p.recourseExplainedAt && <p className="muted">{t('ui.recourse.explained')}</p>}
      <StepErrors errors={step.errors} testId="recourse-error" />
      <button
        type="button"
        disabled={step.saving || !ready}
        data-testid="recourse-save"
        onClick={() =>
          void step.run(() =>
            explainRecourse(
              db,
              complaint.id,
              { routes: routes.map((r) => r.id), country: settings.country, language },
              me,
            ),
          )
        }
      >
        {t('ui.recourse.save')}
      </button>
    </section>
  );
}

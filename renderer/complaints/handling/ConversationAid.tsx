import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../shared/complaints/model';
import { CONVERSATION_STEPS, type ConversationStep } from '../../../shared/handling/codes';
import {
  conversationAidApplies,
  greetingValues,
  isPhoneChannel,
  tickedSteps,
} from '../../../shared/handling/conversation';

/** What the registration records of the guide: its ticked steps, when the channel has the guide. */
export function aidRegistrationEvents(channel: Channel, steps: readonly ConversationStep[]) {
  if (!conversationAidApplies(channel) || steps.length === 0) return [];
  return [{ type: 'conversation_aid_recorded' as const, data: { steps: tickedSteps(steps) } }];
}

/**
 * R4: the conversation guide beside the New complaint form for oral and phone channels — the greeting
 * script with the company's (branch's) and the signed-in employee's name, then listen, clarify, apologise,
 * explain, thank. Each step is ticked here and recorded with the registration. A guide, never a gate.
 */
export function ConversationAid(props: {
  channel: Channel;
  company: string;
  employee: string;
  steps: ConversationStep[];
  onChange: (steps: ConversationStep[]) => void;
}) {
  const { t } = useTranslation('handling');
  if (!conversationAidApplies(props.channel)) return null;
  const values = greetingValues(props.company, props.employee);
  const toggle = (step: ConversationStep, on: boolean) =>
    props.onChange(CONVERSATION_STEPS.filter((s) => (s === step ? on : props.steps.includes(s))));
  return (
    <aside
      className="form-section conversation-aid"
      aria-labelledby="aid-title"
      data-testid="conversation-aid"
    >
      <h2 id="aid-title">{t('aid.title')}</h2>
      <p className="aid-script" data-testid="aid-script">
        {t(isPhoneChannel(props.channel) ? 'aid.script.phone' : 'aid.script.counter', values)}
      </p>
      <ul className="aid-steps">
        {CONVERSATION_STEPS.map((step) => (
          <li key={step} className="checkbox-field">
            <label>
              <input
                type="checkbox"
                checked={props.steps.includes(step)}
                onChange={(e) => toggle(step, e.target.checked)}
                data-testid={`aid-${step}`}
              />
              {t(`aid.step.${step}`)}
            </label>
          </li>
        ))}
      </ul>
      <p className="hint">{t('ui.aid.hint')}</p>
    </aside>
  );
}

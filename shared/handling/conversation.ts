/**
 * R4: the conversation guide beside the form for oral and phone complaints — greeting (with the company's
 * and the signed-in employee's name), listen, clarify, apologise, explain what happens and by when, thank —
 * each tickable and recorded on the complaint (`conversation_aid_recorded`, the ticked steps in guide
 * order). A guide, never a gate (R1): an unticked step is shown, not refused.
 */
import type { Channel } from '../complaints/model';
import { CHANNEL_FORM } from '../deadlines/policies';
import { CONVERSATION_STEPS, type ConversationStep } from './codes';

/** Channels where the customer is talking to us: the guide is shown. */
export function conversationAidApplies(channel: Channel): boolean {
  return CHANNEL_FORM[channel] === 'oral';
}

/** A phone call starts with the greeting script and ends with thanks (R4). */
export const isPhoneChannel = (channel: Channel): boolean => channel === 'phone' || channel === 'hotline';

export interface ConversationAidData extends Record<string, unknown> {
  steps: ConversationStep[];
  note?: string;
}

/** The ticked steps, known ones only, each once, in the guide's order. */
export function tickedSteps(steps: readonly string[]): ConversationStep[] {
  return CONVERSATION_STEPS.filter((s) => steps.includes(s));
}

/** The steps not ticked yet (what the guide still shows). */
export function missingSteps(steps: readonly string[]): ConversationStep[] {
  return CONVERSATION_STEPS.filter((s) => !steps.includes(s));
}

/** The values of the greeting script (locales/<lng>/handling.json `aid.script.*`). */
export function greetingValues(company: string, employeeName: string): { company: string; employee: string } {
  return { company: company.trim(), employee: employeeName.trim() };
}

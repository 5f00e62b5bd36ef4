import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../../shared/complaints/model';
import {
  conversationAidApplies,
  greetingValues,
  isPhoneChannel,
  missingSteps,
  tickedSteps,
} from '../../../../shared/handling/conversation';
import { HANDLING_EVENT_DATA } from '../../../../shared/handling/event-data';

// R4: a compact conversation guide for oral and phone complaints, each step tickable and recorded.

describe('conversation guide', () => {
  it.each<[Channel, boolean, boolean]>([
    ['phone', true, true],
    ['hotline', true, true],
    ['in_person', true, false],
    ['email', false, false],
    ['post', false, false],
    ['feedback_book', false, false],
    ['internal', false, false],
  ])('%s: guide %s, phone script %s', (channel, applies, phone) => {
    expect(conversationAidApplies(channel)).toBe(applies);
    expect(isPhoneChannel(channel)).toBe(phone);
  });

  it('is decided for every channel there is', () => {
    for (const channel of CHANNELS) expect(typeof conversationAidApplies(channel)).toBe('boolean');
  });

  it.each<[string, string[], string[], string[]]>([
    ['nothing ticked', [], [], ['greeting', 'listen', 'clarify', 'apologise', 'explain', 'thank']],
    [
      'ticked out of order, twice, and an unknown step',
      ['thank', 'greeting', 'thank', 'dance'],
      ['greeting', 'thank'],
      ['listen', 'clarify', 'apologise', 'explain'],
    ],
    [
      'all',
      ['greeting', 'listen', 'clarify', 'apologise', 'explain', 'thank'],
      ['greeting', 'listen', 'clarify', 'apologise', 'explain', 'thank'],
      [],
    ],
  ])('%s', (_what, steps, ticked, missing) => {
    expect(tickedSteps(steps)).toEqual(ticked);
    expect(missingSteps(steps)).toEqual(missing);
    expect(
      HANDLING_EVENT_DATA.conversation_aid_recorded.safeParse({ steps: tickedSteps(steps) }).success,
    ).toBe(true);
  });

  it('the greeting names the company and the signed-in employee', () => {
    expect(greetingValues(' Otklik Retail ', ' Ольга ')).toEqual({
      company: 'Otklik Retail',
      employee: 'Ольга',
    });
  });
});

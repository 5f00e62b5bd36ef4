import { describe, expect, it } from 'vitest';
import { checkStep, refusalsIn, transitionAction } from '../../../../../renderer/console/complaint/steps';
import { ConsoleApiError } from '../../../../../renderer/console/api/errors';
import { consoleActionSchema } from '../../../../../shared/console/protocol';

// R12, R15, R17 at HQ: a step is checked by the branch's own rules (shared/lifecycle) before it is sent, and
// its body is what the contract accepts.

const inReview = { status: 'in_review' as const, progress: {} };
const now = new Date('2026-03-02T09:00:00Z');

describe('checkStep', () => {
  it('R15: a rejection is refused without justification and alternative, accepted with both', () => {
    expect(checkStep(inReview, 'decided', { decision: { outcome: 'rejected' } }, 'Head', now)).toEqual([
      'justification_required',
      'alternative_required',
    ]);
    expect(
      checkStep(
        inReview,
        'decided',
        {
          decision: {
            outcome: 'rejected',
            justification: 'Чек не найден',
            alternativeOffered: 'Скидка 10 %',
          },
        },
        'Head',
        now,
      ),
    ).toBeUndefined();
  });

  it('R17: a complaint whose customer rejected the decision cannot be closed', () => {
    const rejected = { status: 'follow_up' as const, progress: { followUpOutcome: 'rejected' as const } };
    expect(checkStep(rejected, 'closed', {}, 'Head', now)).toEqual(['customer_rejected_decision']);
  });

  it('a move the lifecycle does not have is refused', () => {
    expect(checkStep(inReview, 'closed', {}, 'Head', now)).toEqual(['transition_not_allowed']);
  });
});

describe('transitionAction', () => {
  it('carries what the user saw, trims texts and leaves out the empty ones; the contract accepts it', () => {
    const action = transitionAction('in_review', 'decided', {
      decision: {
        outcome: 'rejected',
        justification: ' Чек не найден ',
        alternativeOffered: 'Скидка',
        factsMissing: false,
      },
      note: '   ',
    });
    expect(action).toEqual({
      type: 'transition',
      from: 'in_review',
      to: 'decided',
      decision: {
        outcome: 'rejected',
        justification: 'Чек не найден',
        alternativeOffered: 'Скидка',
        factsMissing: false,
      },
    });
    expect(consoleActionSchema.parse(action)).toEqual(action);
  });

  it('a follow-up and a reopening travel with their details', () => {
    expect(
      consoleActionSchema.parse(
        transitionAction('customer_informed', 'follow_up', {
          followUp: { outcome: 'rejected', satisfaction: 2, recourseInformed: true, comment: '' },
        }),
      ),
    ).toMatchObject({ followUp: { outcome: 'rejected', satisfaction: 2, recourseInformed: true } });
    expect(transitionAction('closed', 'in_review', { reason: ' новые факты ' })).toMatchObject({
      reason: 'новые факты',
    });
  });
});

describe('refusalsIn', () => {
  it('takes the reasons HQ lists beside its code and message', () => {
    expect(
      refusalsIn(
        new ConsoleApiError(422, 'invalid_body', 'Refused by the lifecycle rules', undefined, [
          'alternative_required',
          'not_a_reason',
        ]),
      ),
    ).toEqual(['alternative_required']);
  });

  it('reads the shared refusal codes out of HQ’s words when it lists none', () => {
    expect(
      refusalsIn(new ConsoleApiError(409, 'conflict', 'stale_status: the complaint is decided')),
    ).toEqual(['stale_status']);
    expect(
      refusalsIn(
        new ConsoleApiError(400, 'invalid_body', 'refused: justification_required, alternative_required'),
      ),
    ).toEqual(['justification_required', 'alternative_required']);
  });

  it('other failures are not refusals', () => {
    expect(refusalsIn(new ConsoleApiError(409, 'conflict', 'something else'))).toBeUndefined();
    expect(refusalsIn(new ConsoleApiError(500, 'internal_error', 'stale_status'))).toBeUndefined();
    expect(refusalsIn(new Error('stale_status'))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { nextDue, type DueMoment, type DueState } from '../../../../shared/deadlines';

// R11: the list's deadline column shows the one moment that needs attention first.
const moment = (kind: DueMoment['kind'], state: DueState, dueAt: string): DueMoment => ({
  kind,
  ruleId: `${kind}-rule`,
  basis: 'test',
  dueAt: new Date(dueAt),
  dueDate: dueAt.slice(0, 10),
  done: state === 'done',
  projected: state === 'pending',
  soonFrom: new Date(dueAt),
  state,
});

const ack = (state: DueState, at = '2026-03-02T09:00:00Z') => moment('acknowledge', state, at);
const prelim = (state: DueState, at = '2026-03-05T20:59:00Z') => moment('preliminary_answer', state, at);
const final = (state: DueState, at = '2026-03-31T20:59:00Z') => moment('final_answer', state, at);
const follow = (state: DueState, at = '2026-04-14T20:59:00Z') => moment('follow_up', state, at);

describe('nextDue', () => {
  it.each<[string, DueMoment[], DueMoment['kind'] | undefined]>([
    ['no moments at all', [], undefined],
    ['everything done', [ack('done'), final('done')], undefined],
    ['only moments that have not started', [final('pending'), follow('pending')], undefined],
    [
      'done and pending are never next, the open one is',
      [ack('done'), final('ok'), follow('pending')],
      'final_answer',
    ],
    ['two open moments in time: the earlier', [final('ok'), prelim('ok')], 'preliminary_answer'],
    ['due soon beats a merely open one that is earlier', [prelim('ok'), final('due_soon')], 'final_answer'],
    ['overdue beats due soon, whatever the dates', [ack('due_soon'), final('overdue')], 'final_answer'],
    [
      'two overdue: the one overdue longest',
      [final('overdue', '2026-03-31T20:59:00Z'), prelim('overdue', '2026-03-05T20:59:00Z')],
      'preliminary_answer',
    ],
    [
      'an overdue moment beside done and pending ones',
      [ack('done'), prelim('overdue'), follow('pending')],
      'preliminary_answer',
    ],
  ])('%s', (_, moments, expected) => {
    expect(nextDue(moments)?.kind).toBe(expected);
  });

  it('does not reorder the moments it is given', () => {
    const moments = [final('ok'), prelim('ok')];
    nextDue(moments);
    expect(moments.map((m) => m.kind)).toEqual(['final_answer', 'preliminary_answer']);
  });
});

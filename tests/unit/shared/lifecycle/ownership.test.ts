import { describe, expect, it } from 'vitest';
import type { ComplaintStatus } from '../../../../shared/complaints/model';
import { milestonesFromEvents, takeOver, type TakeOverSubject } from '../../../../shared/lifecycle';

// R14: the head of sales takes over a complaint the branch cannot resolve; the owner and the escalation are
// replayed from the history like every other milestone.

const head = { id: '0193b8a0-0000-7000-8000-000000000001', name: 'Соколова' };
const other = { id: '0193b8a0-0000-7000-8000-000000000002', name: 'Ким' };
const now = new Date('2026-03-03T08:00:00Z');

describe('takeOver', () => {
  it.each<[string, TakeOverSubject, typeof head, string]>([
    ['a registered complaint nobody at HQ owns', { status: 'registered' }, head, 'ok'],
    ['one in review owned by someone else', { status: 'in_review', owner: other }, head, 'ok'],
    ['a decided one', { status: 'decided' }, head, 'ok'],
    ['one the user owns already', { status: 'in_review', owner: head }, head, 'already_owner'],
    ['a closed one', { status: 'closed' }, head, 'complaint_closed'],
    ['without a name', { status: 'registered' }, { id: head.id, name: '  ' }, 'actor_required'],
  ])('%s → %s', (_what, subject, user, expected) => {
    const result = takeOver(subject, user, now);
    expect(result.ok ? 'ok' : result.reason).toBe(expected);
  });

  it('records the owner, the escalation and who did it', () => {
    const result = takeOver({ status: 'registered' }, { ...head, name: ' Соколова ' }, now);
    expect(result).toEqual({
      ok: true,
      event: {
        type: 'owner_changed',
        at: now.toISOString(),
        actor: 'Соколова',
        actorId: head.id,
        data: { owner: head, escalated: true },
      },
    });
  });
});

describe('milestonesFromEvents: owner_changed', () => {
  const change = (at: string, owner: typeof head | null, escalated: boolean) => ({
    type: 'owner_changed' as const,
    at,
    data: { owner, escalated },
  });
  const registered = {
    type: 'status_changed' as const,
    at: '2026-03-02T09:00:00.000Z',
    data: {
      from: 'received' as ComplaintStatus,
      to: 'registered' as ComplaintStatus,
      transition: 'register',
    },
  };

  it.each([
    ['no owner change: the branch handles it', [registered], undefined, undefined],
    [
      'taken over',
      [registered, change('2026-03-03T08:00:00.000Z', head, true)],
      head,
      '2026-03-03T08:00:00.000Z',
    ],
    [
      'passed on: the latest owner, the first escalation',
      [
        registered,
        change('2026-03-03T08:00:00.000Z', head, true),
        change('2026-03-04T08:00:00.000Z', other, true),
      ],
      other,
      '2026-03-03T08:00:00.000Z',
    ],
    [
      'given back to the branch: no owner, still escalated',
      [
        registered,
        change('2026-03-03T08:00:00.000Z', head, true),
        change('2026-03-05T08:00:00.000Z', null, false),
      ],
      undefined,
      '2026-03-03T08:00:00.000Z',
    ],
    [
      'an owner without escalation',
      [registered, change('2026-03-03T08:00:00.000Z', head, false)],
      head,
      undefined,
    ],
  ])('%s', (_what, events, owner, escalatedAt) => {
    const m = milestonesFromEvents(events);
    expect(m.owner).toEqual(owner);
    expect(m.escalatedAt).toBe(escalatedAt);
    expect(m.status).toBe('registered');
  });
});

import { describe, expect, it } from 'vitest';
import { branchStaffRights, selfChangeRefused } from '../../../../shared/people/branch-staff';

// Issue 14, R24: a branch manager manages the branch's employees until HQ does; a counter employee does not.
describe('branchStaffRights', () => {
  it.each([
    ['branch_manager', false, { view: true, add: true, edit: true }],
    ['branch_manager', true, { view: true, add: true, edit: false }],
    ['counter', false, { view: false, add: false, edit: false }],
    ['counter', true, { view: false, add: false, edit: false }],
  ] as const)('%s, connected to HQ: %s → %o', (role, connected, rights) => {
    expect(branchStaffRights(role, connected)).toEqual(rights);
  });
});

describe('selfChangeRefused', () => {
  const me = { id: 'a', role: 'branch_manager', active: true } as const;
  it.each([
    ['renaming oneself (same role, active)', { id: 'a', role: 'branch_manager', active: true }, false],
    ['one’s own role', { id: 'a', role: 'counter', active: true }, true],
    ['deactivating oneself', { id: 'a', role: 'branch_manager', active: false }, true],
    ['another’s role', { id: 'b', role: 'counter', active: true }, false],
    ['deactivating another', { id: 'b', role: 'branch_manager', active: false }, false],
  ] as const)('%s → %s', (_what, next, refused) => {
    expect(selfChangeRefused(me, next)).toBe(refused);
  });
});

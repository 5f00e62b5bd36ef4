import { describe, expect, it } from 'vitest';
import {
  branchCreate,
  branchForm,
  branchFormProblems,
  branchPatch,
  newBranchForm,
} from '../../../../../renderer/console/admin/branchForm';
import {
  branchCreateSchema,
  branchPatchSchema,
  type ConsoleBranch,
} from '../../../../../shared/console/admin';

// Issue 14: the branch form — directory, calendar extras, policy — sends only what changed, in the
// contract's shape, so HQ's deadlines equal the branch's.

const kyiv: ConsoleBranch = {
  code: 'KYI-01',
  name: 'Київ',
  country: 'UA',
  timeZone: 'Europe/Kyiv',
  language: 'uk',
  managerName: 'Олена',
  managerEmail: 'olena@example.com',
  headOfSalesName: '',
  headOfSalesEmail: '',
  activeDevices: 2,
};

describe('branchPatch', () => {
  it('nothing changed: nothing sent', () => {
    expect(branchPatch(branchForm(kyiv), branchForm(kyiv))).toEqual({});
  });

  it('sends the changed directory fields and the calendar once HQ sets it', () => {
    const before = branchForm(kyiv);
    const after = {
      ...before,
      managerEmail: 'new@example.com',
      extraDaysOff: ['2026-05-04'],
      ukraineMartialLaw: true,
      policyId: 'ua_citizens_appeals' as const,
    };
    const patch = branchPatch(before, after);
    expect(patch).toEqual({
      managerEmail: 'new@example.com',
      extraDaysOff: ['2026-05-04'],
      ukraineMartialLaw: true,
      policyId: 'ua_citizens_appeals',
    });
    expect(branchPatchSchema.parse(patch)).toEqual(patch);
  });

  it('martial law only exists in Ukraine: a branch moved elsewhere sends null', () => {
    const before = { ...branchForm(kyiv), ukraineMartialLaw: true };
    expect(branchPatch(before, { ...before, country: 'CZ' })).toMatchObject({
      country: 'CZ',
      ukraineMartialLaw: null,
    });
  });
});

describe('branchCreate', () => {
  it('upper-cases the code and is accepted by the contract', () => {
    const body = branchCreate({ ...newBranchForm(), code: ' spb-02 ', name: 'Санкт-Петербург' });
    expect(body.code).toBe('SPB-02');
    expect(body.policyId).toBeNull();
    expect(branchCreateSchema.parse(body)).toMatchObject({ code: 'SPB-02', country: 'RU' });
  });
});

describe('branchFormProblems', () => {
  it('a new branch needs a code of the numbering’s form and a name; e-mails must be e-mails', () => {
    expect(branchFormProblems({ ...newBranchForm(), code: 'no spaces!', managerEmail: 'x' }, true)).toEqual({
      code: 'invalid_branch_code',
      name: 'required',
      managerEmail: 'invalid_email',
    });
    expect(branchFormProblems({ ...branchForm(kyiv) }, false)).toEqual({});
  });
});

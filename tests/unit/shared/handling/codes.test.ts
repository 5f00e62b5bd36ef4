import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { URGENCY_LEVELS } from '../../../../shared/complaints/model';
import { DUE_KINDS } from '../../../../shared/deadlines';
import {
  AID_ANSWERS,
  APPROVAL_STATES,
  APPROVER_ROLES,
  ATTACHMENT_KINDS,
  CALLBACK_OUTCOMES,
  COMPENSATION_FORMS,
  COMPENSATION_QUESTIONS,
  CONVERSATION_STEPS,
  DEPARTMENTS,
  ESCALATION_STEPS,
  SENIOR_HANDOVER_REASONS,
} from '../../../../shared/handling/codes';
import { DUPLICATE_REASONS } from '../../../../shared/handling/duplicates';
import { REFUSAL_REASONS } from '../../../../shared/lifecycle';
import { OPERATION_TYPES } from '../../../../shared/sync/operations';
import { LANGUAGES } from '../../../../shared/settings/workstation';

// Issue 15: every code of handling a complaint has its words in every language (the screens, the Sync page's
// refusals and the deadline column show them).

const root = join(import.meta.dirname, '../../../../locales');
const load = (lng: string, ns: string) => JSON.parse(readFileSync(join(root, lng, `${ns}.json`), 'utf8'));
const at = (obj: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

const LISTS: [string, string, readonly string[]][] = [
  ['handling', 'aid.step', CONVERSATION_STEPS],
  ['handling', 'callback.outcome', CALLBACK_OUTCOMES],
  ['handling', 'attachmentKind', ATTACHMENT_KINDS],
  ['handling', 'escalationStep', ESCALATION_STEPS],
  ['handling', 'seniorReason', SENIOR_HANDOVER_REASONS],
  ['handling', 'question', [...COMPENSATION_QUESTIONS, 'companyFaultPercent']],
  ['handling', 'answer', AID_ANSWERS],
  ['handling', 'compensationForm', COMPENSATION_FORMS],
  ['handling', 'approval', APPROVAL_STATES],
  ['handling', 'approverRole', APPROVER_ROLES],
  ['handling', 'department', DEPARTMENTS],
  ['handling', 'taskState', ['open', 'overdue', 'done', 'cancelled']],
  ['handling', 'duplicateReason', DUPLICATE_REASONS],
  ['complaints', 'urgencyLevel', URGENCY_LEVELS],
  ['lifecycle', 'refusal', REFUSAL_REASONS],
  ['lifecycle', 'due.kind', DUE_KINDS],
  ['lifecycle', 'due.short', DUE_KINDS],
  ['sync', 'ops', OPERATION_TYPES],
];

describe.each(LANGUAGES)('%s', (lng) => {
  it.each(LISTS)('%s:%s has a non-empty text for every code', (ns, prefix, codes) => {
    const catalogue = load(lng, ns);
    for (const code of codes) {
      const text =
        at(catalogue, `${prefix}.${code}`) ?? (at(catalogue, prefix) as Record<string, unknown>)?.[code];
      expect(typeof text === 'string' && text.trim() !== '', `${ns}:${prefix}.${code}`).toBe(true);
    }
  });

  it('the greeting scripts name the company and the employee', () => {
    const aid = load(lng, 'handling').aid;
    expect(aid.script.phone).toContain('{{company}}');
    expect(aid.script.phone).toContain('{{employee}}');
    expect(aid.script.counter).toContain('{{employee}}');
  });
});

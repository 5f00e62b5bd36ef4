import type { EscalationStep } from '../handling/codes';
import { escalationMessageKey } from '../handling/escalation';
import type { Translate } from './content';

/**
 * R11/R14: HQ's e-mail when a complaint is overdue at a due moment — to the branch manager first, then to
 * the head of sales (shared/handling/escalation.ts decides when). One message per step per due moment: its
 * Message-ID is derived from the complaint, step and due moment (`escalationMessageKey`), so a retry or a
 * second HQ process never makes a second mail. Texts: locales/<lng>/escalation.json in the branch language,
 * times in the branch's zone; the greeting, signature, status and due kind are the words the branch's mail and screens use.
 */

export function complaintEscalationMessageId(complaintId: string, step: EscalationStep, dueKey: string) {
  return `<${escalationMessageKey(complaintId, step, dueKey)}@otklik>`;
}

export interface ComplaintEscalationMail {
  step: EscalationStep;
  complaintNumber: string;
  branchCode: string;
  branchName: string;
  toName: string;
  dueKind: string;
  dueAt: Date;
  receivedAt: Date;
  status: string;
  customerName: string;
  summary: string;
  healthAndSafety: boolean;
  /** When the branch manager was told (the head of sales step). */
  managerToldAt?: Date;
  /** Branch language for the texts; branch zone for the times. */
  language: string;
  timeZone: string;
}

function when(d: Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(d);
}

export function complaintEscalationContent(
  t: Translate,
  d: ComplaintEscalationMail,
): { subject: string; text: string } {
  const at = (x: Date) => when(x, d.language, d.timeZone);
  const branch = `${d.branchName} (${d.branchCode})`;
  const due = t(`lifecycle:due.kind.${d.dueKind}`);
  const subject = t('escalation:subject', { number: d.complaintNumber, branch, due });
  const lines = [
    d.toName.trim() ? t('mail:greetingNamed', { name: d.toName.trim() }) : t('mail:greeting'),
    '',
    t(`escalation:intro.${d.step}`, { due, deadline: at(d.dueAt) }),
    ...(d.managerToldAt ? [t('escalation:managerTold', { at: at(d.managerToldAt) })] : []),
    '',
    ...(d.healthAndSafety ? [t('escalation:healthAndSafety'), ''] : []),
    `${t('escalation:fields.number')}: ${d.complaintNumber}`,
    `${t('escalation:fields.branch')}: ${branch}`,
    `${t('escalation:fields.status')}: ${t(`complaints:status.${d.status}`)}`,
    `${t('escalation:fields.receivedAt')}: ${at(d.receivedAt)}`,
    `${t('escalation:fields.due')}: ${due}, ${at(d.dueAt)}`,
    `${t('escalation:fields.customer')}: ${d.customerName.trim() || '—'}`,
    `${t('escalation:fields.summary')}: ${d.summary.trim() || '—'}`,
    '',
    t('mail:signature'),
  ];
  return { subject, text: lines.join('\n') };
}

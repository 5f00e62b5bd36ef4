/**
 * Issue 16 item 5: the acknowledgement and the decision letter as a list of text blocks in the customer's
 * language — what HQ's PDF (the e-mail copy) lays out. The same models and the same locale keys as the
 * printed templates (renderer/documents), so the e-mailed copy says what the printed one says.
 */
import type { Translate } from '../mail/content';
import { docDate, docDateTime, docDue, docMoney } from './format';
import { formatCheckCode } from './check-code';
import type { AcknowledgementDocument, BranchDetails, CustomerBlock, DecisionLetterDocument } from './index';
import { recourseLine } from './recourse';

export type DocumentBlock =
  | { kind: 'title' | 'heading' | 'text' | 'strong' | 'muted' | 'item'; text: string }
  | { kind: 'field'; label: string; text: string }
  | { kind: 'qr'; payload: string; caption: string };

function branchBlocks(branch: BranchDetails, t: Translate): DocumentBlock[] {
  const out: DocumentBlock[] = [{ kind: 'strong', text: branch.name }];
  if (branch.address) out.push({ kind: 'muted', text: branch.address });
  out.push(...reachBlocks(branch, t));
  return out;
}

function reachBlocks(branch: BranchDetails, t: Translate): DocumentBlock[] {
  const out: DocumentBlock[] = [];
  if (branch.phone) out.push({ kind: 'muted', text: t('branch.phone', { phone: branch.phone }) });
  if (branch.email) out.push({ kind: 'muted', text: t('branch.email', { email: branch.email }) });
  // HQ keeps opening hours as text (issue 16 item 3); a line with nothing set is left out, never printed empty.
  if (branch.hours) out.push({ kind: 'muted', text: t('branch.hoursText', { hours: branch.hours }) });
  else if (branch.opens && branch.closes)
    out.push({ kind: 'muted', text: t('branch.hours', { opens: branch.opens, closes: branch.closes }) });
  return out;
}

function numberBlocks(number: string, checkCode: string, t: Translate): DocumentBlock[] {
  return [
    { kind: 'strong', text: t('common.numberValue', { number }) },
    { kind: 'text', text: `${t('common.checkCode')} ${formatCheckCode(checkCode)}` },
  ];
}

function contactsText(customer: CustomerBlock, t: Translate): string {
  if (customer.contacts.length === 0)
    return customer.noContactReason ? t('contact.none', { reason: customer.noContactReason }) : '';
  return customer.contacts
    .map((c) => {
      const preferred =
        customer.preferredContact === c.kind ||
        (customer.preferredContact === 'post' && c.kind === 'address');
      return `${t(`contact.${c.kind}`, { value: c.value })}${preferred ? ` (${t('contact.preferred')})` : ''}`;
    })
    .join('; ');
}

const field = (label: string, text: string): DocumentBlock[] =>
  text ? [{ kind: 'field', label, text }] : [];

export function acknowledgementBlocks(doc: AcknowledgementDocument, t: Translate): DocumentBlock[] {
  const lng = doc.language;
  const tz = doc.branch.timeZone;
  const out: DocumentBlock[] = [
    ...branchBlocks(doc.branch, t),
    { kind: 'title', text: t('title.acknowledgement') },
    ...numberBlocks(doc.number, doc.checkCode, t),
    { kind: 'strong', text: t('ack.answerBy', { date: docDue(doc.answerBy, lng, tz) }) },
  ];
  if (doc.preliminaryAnswerBy)
    out.push({
      kind: 'text',
      text: t('ack.preliminaryBy', { date: docDue(doc.preliminaryAnswerBy, lng, tz) }),
    });
  out.push(...field(t('ack.receivedAt'), docDateTime(doc.receivedAt, lng, tz)));
  if (doc.registeredAt !== doc.receivedAt)
    out.push(...field(t('ack.registeredAt'), docDateTime(doc.registeredAt, lng, tz)));
  out.push(
    ...field(t('ack.channel'), t(`complaints:channel.${doc.channel}`)),
    ...field(t('ack.employee'), doc.employee),
    ...field(t('ack.customer'), doc.customer.name),
    ...field(t('ack.contacts'), contactsText(doc.customer, t)),
    { kind: 'heading', text: t('ack.description') },
    { kind: 'text', text: doc.description },
    { kind: 'heading', text: t('ack.demand') },
    { kind: 'text', text: doc.demand || t('ack.noDemand') },
    { kind: 'heading', text: t('branch.reach') },
    { kind: 'text', text: doc.branch.name },
  );
  if (doc.branch.address) out.push({ kind: 'text', text: doc.branch.address });
  out.push(
    ...reachBlocks(doc.branch, t),
    {
      kind: 'qr',
      payload: doc.qrPayload,
      caption: `${t('ack.qrCaption')}: ${doc.number} / ${formatCheckCode(doc.checkCode)}. ${t('ack.keep')}`,
    },
    { kind: 'muted', text: t('common.printedAt', { date: docDateTime(doc.printedAt, lng, tz) }) },
  );
  return out;
}

export function decisionLetterBlocks(doc: DecisionLetterDocument, t: Translate): DocumentBlock[] {
  const lng = doc.language;
  const tz = doc.branch.timeZone;
  const to = [doc.customer.name || t('letter.customer'), doc.customer.address || doc.customer.email]
    .filter(Boolean)
    .join(', ');
  const out: DocumentBlock[] = [
    ...branchBlocks(doc.branch, t),
    ...field(t('letter.to'), to),
    ...field(t('letter.date'), docDate(doc.decidedAt, lng, tz)),
    { kind: 'title', text: t('title.decision_letter') },
    ...numberBlocks(doc.number, doc.checkCode, t),
    { kind: 'text', text: t('letter.greeting') },
    { kind: 'text', text: t('letter.intro', { number: doc.number, date: docDate(doc.receivedAt, lng, tz) }) },
    { kind: 'heading', text: t('letter.demand') },
    { kind: 'text', text: doc.demand || doc.description },
    { kind: 'heading', text: t('letter.decision') },
    { kind: 'strong', text: t(`letter.outcome.${doc.outcome}`) },
  ];
  if (doc.unfoundedCriterion)
    out.push({
      kind: 'text',
      text: `${t('letter.criterion')}: ${t(`lifecycle:criterion.${doc.unfoundedCriterion}`)}`,
    });
  if (doc.justification)
    out.push({ kind: 'heading', text: t('letter.justification') }, { kind: 'text', text: doc.justification });
  if (doc.alternativeOffered)
    out.push(
      { kind: 'heading', text: t('letter.alternative') },
      { kind: 'text', text: doc.alternativeOffered },
    );
  if (doc.compensation)
    out.push({ kind: 'text', text: t('letter.compensation', { amount: docMoney(doc.compensation, lng) }) });
  if (doc.recourse.length > 0) {
    out.push(
      { kind: 'heading', text: t('letter.recourseTitle') },
      { kind: 'text', text: t('letter.recourseIntro') },
    );
    for (const route of doc.recourse)
      out.push({ kind: 'item', text: recourseLine(route, lng, doc.branch.headOfSalesName, t) });
  }
  out.push(
    { kind: 'text', text: t('letter.closing') },
    { kind: 'text', text: [doc.signedBy, doc.branch.name].filter(Boolean).join(', ') },
    { kind: 'muted', text: t('common.reference', { number: doc.number }) },
  );
  return out;
}

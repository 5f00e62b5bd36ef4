import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDocumentMail } from '../../../../hq/mail/documents-queue';
import type { ComplaintEvent } from '../../../../shared/complaints/model';
import { complaintDueMoments, DEFAULT_POLICY_ID, POLICY_PRESETS } from '../../../../shared/deadlines';
import { documentMailKey, documentMessageId } from '../../../../shared/documents/email-copy';
import { docDate, docDue } from '../../../../shared/documents/format';
import { documentDue } from '../../../../shared/documents/source';
import { transition } from '../../../../shared/lifecycle';
import { timelineOf } from '../../../../shared/lifecycle/milestones';
import type { Language } from '../../../../shared/settings/workstation';
import type { OperationPayload } from '../../../../shared/sync/operations';
import { HQ_PATHS, pullResponseSchema } from '../../../../shared/sync/protocol';
import documentsKo from '../../../../locales/ko/documents.json';
import mailCs from '../../../../locales/cs/mail.json';
import mailKo from '../../../../locales/ko/mail.json';
import {
  call,
  count,
  DATABASE_KINDS,
  enroll,
  op,
  registration,
  startHq,
  type RunningHq,
  type TestDevice,
} from '../../harness';
import { DIRECTORY, smtpTo, startSmtp, workerFor } from '../../mail-fixtures';

/**
 * Issue 16 item 5 (R9, R15, R25): the customer's e-mail copy of the acknowledgement and the decision letter,
 * through HQ's mail queue to a real SMTP server, parsed by mailparser; the PDF's text read back by pdfjs-dist.
 */

async function pdfText(pdf: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false })
    .promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++)
    for (const item of (await (await doc.getPage(i)).getTextContent()).items)
      if ('str' in item) text += item.str;
  await doc.destroy();
  return text.replace(/\s+/g, '');
}
const squash = (s: string) => s.replace(/\s+/g, '');

const CALENDAR = {
  country: DIRECTORY.country,
  timeZone: DIRECTORY.timeZone,
  extraDaysOff: [],
  extraWorkingDays: [],
  ukraineMartialLaw: false,
};

describe.each(DATABASE_KINDS)('customer document e-mail copies on %s', (kind) => {
  let hq: RunningHq;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let seq = 0;
  const branch = () => `D${kind === 'pglite' ? 'L' : 'P'}-${String(++seq).padStart(2, '0')}`;

  beforeAll(async () => {
    smtp = await startSmtp();
    hq = await startHq(kind);
  });
  afterAll(async () => {
    await hq?.close();
    await smtp?.close();
  });

  async function push(device: TestDevice, ops: ReturnType<typeof op>[]) {
    const res = await call(hq, device, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Array<{ outcome: string; reason?: string }> };
    expect(body.results.map((r) => r.reason ?? r.outcome)).toEqual(ops.map(() => 'applied'));
  }

  function customerComplaint(
    device: TestDevice,
    customer: { email: string; consent: boolean; language?: Language },
  ) {
    const reg = registration(device.branchCode, new Date());
    reg.complaint.customer.email = customer.email;
    reg.complaint.consent = customer.consent;
    reg.complaint.remedy = '환불해 주세요 — vrátit peníze';
    if (customer.language) reg.complaint.customerLanguage = customer.language;
    return reg;
  }

  function decide(
    complaintId: string,
    at: Date,
    from: 'registered' | 'decided' = 'registered',
  ): Array<OperationPayload<'complaint.transition'>> {
    const steps: Array<{
      from: 'registered' | 'in_review' | 'decided';
      request: Parameters<typeof transition>[1];
    }> = [
      from === 'registered'
        ? { from: 'registered', request: { to: 'in_review', actor: 'Ольга', now: at } }
        : // Issue 16 item 5: reopened (the customer brought a receipt), then decided again.
          { from: 'decided', request: { to: 'in_review', actor: 'Ольга', now: at, reason: 'Nová účtenka' } },
      {
        from: 'in_review',
        request: {
          to: 'decided',
          actor: 'Ирина Волкова',
          now: at,
          decision: {
            outcome: 'rejected',
            justification: '영수증이 없습니다',
            alternativeOffered: 'Sleva 10 % na další nákup',
          },
        },
      },
    ];
    return steps.map(({ from, request }) => {
      const step = transition({ status: from }, request);
      if (!step.ok) throw new Error(step.reasons.join());
      const event: ComplaintEvent = { id: uuidv7(), complaintId, ...step.event };
      return { complaintId, from, to: request.to, event };
    });
  }

  it('acknowledgement then decision letter: a PDF in the customer’s language with number, answer date, demand and the branch’s address and phone from HQ’s directory; once each, again for a second decision; the branch sees them in the history', async () => {
    // Issue 16 item 3: how customers reach the branch, kept at HQ and printed on its copies.
    const contacts = {
      address: 'Václavské náměstí 1, 110 00 Praha',
      phone: '+420 222 333 444',
      hours: 'po–pá 9:00–18:00',
    };
    const d = await enroll(hq, branch(), { ...DIRECTORY, ...contacts });
    const reg = customerComplaint(d, { email: 'minji@example.kr', consent: true, language: 'ko' });
    const c = reg.complaint;
    await push(d, [op(d, 'complaint.register', reg)]);
    const worker = workerFor(hq, smtpTo(smtp.url));
    const before = smtp.received.length;
    expect((await worker.runOnce()).documents).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    await smtp.waitFor(before + 1);
    const ack = smtp.received[before]!;
    expect(ack.messageId).toBe(documentMessageId('acknowledgement', c.id));
    expect(ack.subject).toContain(mailKo.document.subject.acknowledgement.split(' {{')[0]);
    expect(ack.subject).toContain(c.number);
    const to = Array.isArray(ack.to) ? ack.to[0]! : ack.to!;
    expect(to.value[0]!.address).toBe('minji@example.kr');
    expect(ack.attachments).toHaveLength(1);
    expect(ack.attachments[0]!.contentType).toBe('application/pdf');
    // The answer date as the branch computes it for the complaint (the same shared deadline engine).
    const final = complaintDueMoments(
      timelineOf(c),
      CALENDAR,
      POLICY_PRESETS[DEFAULT_POLICY_ID],
      new Date(),
    ).find((m) => m.kind === 'final_answer')!;
    const answerBy = docDue(documentDue(final, DIRECTORY.timeZone), 'ko', DIRECTORY.timeZone);
    expect(ack.text).toContain(answerBy);
    const ackText = await pdfText(ack.attachments[0]!.content);
    expect(ackText).toContain(c.number);
    expect(ackText).toContain(squash(documentsKo.title.acknowledgement));
    expect(ackText).toContain(squash(documentsKo.ack.answerBy.replace('{{date}}', answerBy)));
    expect(ackText).toContain(squash(c.remedy));
    expect(ackText).toContain(squash(contacts.address));
    expect(ackText).toContain(squash(contacts.phone));
    expect(ackText).toContain(squash(contacts.hours));

    // Nothing more to send until a decision reaches HQ.
    expect((await worker.runOnce()).documents).toMatchObject({ sent: 0 });
    const decidedAt = new Date();
    await push(
      d,
      decide(c.id, decidedAt).map((p) => op(d, 'complaint.transition', p)),
    );
    expect((await worker.runOnce()).documents).toMatchObject({ sent: 1 });
    await smtp.waitFor(before + 2);
    const letter = smtp.received[before + 1]!;
    const firstDecision = documentMessageId('decision_letter', c.id, decidedAt.toISOString());
    expect(letter.messageId).toBe(firstDecision);
    const letterText = await pdfText(letter.attachments[0]!.content);
    expect(letterText).toContain(c.number);
    expect(letterText).toContain(squash(documentsKo.letter.outcome.rejected));
    expect(letterText).toContain(squash('영수증이 없습니다'));
    // R17: the Czech branch's recourse routes, their proper names with Czech letters, in a Korean letter.
    expect(letterText).toContain(squash('Česká obchodní inspekce'));
    expect(letterText).toContain(squash(docDate(decidedAt, 'ko', DIRECTORY.timeZone)));

    // Once each: later rounds send nothing.
    expect((await worker.runOnce()).documents).toMatchObject({ sent: 0 });
    expect(smtp.received.filter((m) => m.messageId?.includes(documentMailKey(c.id)))).toHaveLength(2);

    // Item 5: reopened and decided again — a second letter, its own message; then nothing more.
    const redecidedAt = new Date(decidedAt.getTime() + 60_000);
    await push(
      d,
      decide(c.id, redecidedAt, 'decided').map((p) => op(d, 'complaint.transition', p)),
    );
    expect((await worker.runOnce()).documents).toMatchObject({ sent: 1 });
    await smtp.waitFor(before + 3);
    const secondDecision = documentMessageId('decision_letter', c.id, redecidedAt.toISOString());
    expect(secondDecision).not.toBe(firstDecision);
    expect(smtp.received[before + 2]!.messageId).toBe(secondDecision);
    expect(await pdfText(smtp.received[before + 2]!.attachments[0]!.content)).toContain(
      squash(docDate(redecidedAt, 'ko', DIRECTORY.timeZone)),
    );
    expect((await worker.runOnce()).documents).toMatchObject({ sent: 0 });
    expect(smtp.received.filter((m) => m.messageId?.includes(documentMailKey(c.id)))).toHaveLength(3);
    // The copies are history lines the branch pulls.
    const res = await call(hq, d, `${HQ_PATHS.pull}?cursor=0`);
    const pulled = pullResponseSchema.parse(await res.json());
    // Issue 16 item 4: this HQ runs no status page, so the branch's QR codes stay OTKLIK:<number>:<code>.
    expect(pulled.statusPageUrl).toBeUndefined();
    const changes = pulled.changes;
    const emailed = changes.flatMap((ch) =>
      ch.kind === 'event' && ch.event.type === 'document_emailed' ? [ch.event] : [],
    );
    expect(emailed.map((e) => e.data)).toEqual([
      {
        document: 'acknowledgement',
        language: 'ko',
        to: 'minji@example.kr',
        messageId: documentMessageId('acknowledgement', c.id),
      },
      { document: 'decision_letter', language: 'ko', to: 'minji@example.kr', messageId: firstDecision },
      { document: 'decision_letter', language: 'ko', to: 'minji@example.kr', messageId: secondDecision },
    ]);
    // Two PDFs made and read back, on a shared two-core machine.
  }, 60_000);

  it('no consent, no address or the internal register: nothing is queued or sent; without a recorded language the branch’s', async () => {
    const d = await enroll(hq, branch(), DIRECTORY);
    const noConsent = customerComplaint(d, { email: 'a@example.cz', consent: false });
    const noEmail = customerComplaint(d, { email: '', consent: true });
    const internal = customerComplaint(d, { email: 'b@example.cz', consent: true });
    Object.assign(internal.complaint, { channel: 'internal', confidential: true });
    const old = customerComplaint(d, { email: 'c@example.cz', consent: true }); // no customerLanguage
    await push(
      d,
      [noConsent, noEmail, internal, old].map((r) => op(d, 'complaint.register', r)),
    );
    const ids = [noConsent, noEmail, internal].map((r) => r.complaint.id);
    expect(await count(hq, 'SELECT 1 FROM document_mail WHERE complaint_id = ANY($1)', [ids])).toBe(0);
    const before = smtp.received.length;
    expect((await workerFor(hq, smtpTo(smtp.url)).runOnce()).documents).toMatchObject({ sent: 1 });
    await smtp.waitFor(before + 1);
    const mail = smtp.received[before]!;
    expect(mail.messageId).toBe(documentMessageId('acknowledgement', old.complaint.id));
    expect(mail.subject).toContain(mailCs.document.subject.acknowledgement.split(' {{')[0]);
  });

  it('SMTP down, a worker gone mid-job, HQ restarted, the registration pushed again: still one mail', async () => {
    const d = await enroll(hq, branch(), DIRECTORY);
    const reg = customerComplaint(d, { email: 'jan@example.cz', consent: true, language: 'cs' });
    const registerOp = op(d, 'complaint.register', reg);
    await push(d, [registerOp]);
    let now = new Date(Date.now() + 1000);
    const clock = () => now;
    smtp.state.down = true;
    try {
      expect((await workerFor(hq, smtpTo(smtp.url), clock).runOnce()).documents).toMatchObject({
        retrying: 1,
      });
    } finally {
      smtp.state.down = false;
    }
    // A worker claims it after the backoff and dies before sending: its lease keeps others off, then ends.
    now = new Date(now.getTime() + 60_000);
    expect(await claimDocumentMail(hq.db.pool, now, { limit: 5, leaseMs: 30_000 })).toHaveLength(1);
    expect((await workerFor(hq, smtpTo(smtp.url), clock).runOnce()).documents).toMatchObject({ sent: 0 });
    now = new Date(now.getTime() + 31_000);
    const before = smtp.received.length;
    expect((await workerFor(hq, smtpTo(smtp.url), clock).runOnce()).documents).toMatchObject({ sent: 1 });
    await smtp.waitFor(before + 1);
    // The same op again (a lost answer) and a fresh worker (HQ restarted): nothing new to send.
    const res = await call(hq, d, HQ_PATHS.push, {
      method: 'POST',
      body: JSON.stringify({ ops: [registerOp] }),
    });
    expect(res.status).toBe(200);
    now = new Date(now.getTime() + 3_600_000);
    expect((await workerFor(hq, smtpTo(smtp.url), clock).runOnce()).documents).toMatchObject({ sent: 0 });
    expect(
      smtp.received.filter((m) => m.messageId?.includes(documentMailKey(reg.complaint.id))),
    ).toHaveLength(1);
    const { rows } = await hq.db.pool.query(
      'SELECT status, attempts FROM document_mail WHERE complaint_id = $1',
      [reg.complaint.id],
    );
    expect(rows).toEqual([{ status: 'sent', attempts: 3 }]);
  });
});

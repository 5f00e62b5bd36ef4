import i18next from 'i18next';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  complaintEscalationContent,
  complaintEscalationMessageId,
  type ComplaintEscalationMail,
} from '../../../../shared/mail/complaint-escalation';
import type { Translate } from '../../../../shared/mail/content';
import { LANGUAGES } from '../../../../shared/settings/workstation';

// R11/R14 (issue 15): HQ's e-mail about an overdue complaint, in every language the branch may have.
const root = join(import.meta.dirname, '../../../../locales');
const NAMESPACES = ['escalation', 'mail', 'complaints', 'lifecycle'];
const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(
    LANGUAGES.map((l) => [
      l,
      Object.fromEntries(
        NAMESPACES.map((ns) => [ns, JSON.parse(readFileSync(join(root, l, `${ns}.json`), 'utf8')) as object]),
      ),
    ]),
  ),
  ns: NAMESPACES,
  interpolation: { escapeValue: false },
  initAsync: false,
});
const translator = (l: string): Translate => {
  const t = i18n.getFixedT(l);
  return (key, params) => String((t as (k: string, p?: unknown) => unknown)(key, params));
};

const base: ComplaintEscalationMail = {
  step: 'branch_manager',
  complaintNumber: 'PRG-01-2026-000042',
  branchCode: 'PRG-01',
  branchName: 'Praha Centrum',
  toName: 'Jana Nováková',
  dueKind: 'final_answer',
  dueAt: new Date('2026-03-20T23:00:00Z'),
  receivedAt: new Date('2026-03-02T09:00:00Z'),
  status: 'in_review',
  customerName: 'Petr',
  summary: 'Zboží nedorazilo',
  healthAndSafety: true,
  language: 'cs',
  timeZone: 'Europe/Prague',
};

describe('complaintEscalationContent', () => {
  it.each(
    LANGUAGES.flatMap((l) => (['branch_manager', 'head_of_sales'] as const).map((s) => [l, s] as const)),
  )('%s, %s: every line translated, the facts stated', (language, step) => {
    const mail = complaintEscalationContent(translator(language), {
      ...base,
      step,
      language,
      ...(step === 'head_of_sales' ? { managerToldAt: new Date('2026-03-21T08:00:00Z') } : {}),
    });
    const due = translator(language)('lifecycle:due.kind.final_answer');
    expect(mail.subject).toContain(base.complaintNumber);
    expect(mail.subject).toContain(due);
    expect(mail.text).toContain(base.summary);
    expect(mail.text).toContain(translator(language)('complaints:status.in_review'));
    expect(mail.text).toContain(translator(language)('escalation:healthAndSafety'));
    // No key left untranslated (i18next answers a missing key with the key itself).
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(/(escalation|mail|lifecycle|complaints):/);
    // The missed deadline in the branch's zone and language.
    const local = new Intl.DateTimeFormat(language, {
      timeZone: 'Europe/Prague',
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(base.dueAt);
    expect(mail.text).toContain(local);
  });

  it('Czech greets without the name (no vocative from a name field); the manager step says nothing of "told"', () => {
    const mail = complaintEscalationContent(translator('cs'), base);
    expect(mail.text.split('\n')[0]).toBe('Dobrý den,');
    expect(mail.text).not.toContain(translator('cs')('escalation:managerTold', { at: '' }).trim());
  });

  it('Message-ID: one per complaint, step and due moment, safe characters only', () => {
    const id = '01a2353e-5c85-725c-8de6-d2d35aed2639';
    expect(complaintEscalationMessageId(id, 'branch_manager', 'final_answer#0')).toBe(
      `<escalation.${id}.branch_manager.final_answer-0@otklik>`,
    );
    expect(complaintEscalationMessageId(id, 'head_of_sales', 'final_answer#0')).not.toBe(
      complaintEscalationMessageId(id, 'branch_manager', 'final_answer#0'),
    );
    expect(complaintEscalationMessageId(id, 'branch_manager', 'callback:<x y>')).toMatch(
      /^<[\w.-]+@otklik>$/,
    );
  });
});

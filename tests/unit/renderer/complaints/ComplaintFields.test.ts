import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ComplaintFields } from '../../../../renderer/complaints';
import { initI18n, i18next } from '../../../../renderer/i18n';
import {
  URGENCY_LEVELS,
  emptyComplaintInput,
  type ComplaintInput,
} from '../../../../shared/complaints/model';
import { validateComplaintInput } from '../../../../shared/complaints/validation';
import { now, pageRoots } from '../fixtures';

// R1–R3, issue 12: the New complaint form and the feedback book's submit form show the same fields the same
// way; every control with an error is marked invalid and points screen readers at its message.

/** A missing translation is logged as an error (renderer/i18n): none may be. */
const consoleErrors: string[] = [];
beforeAll(async () => {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    consoleErrors.push(args.map(String).join(' '));
    original(...args);
  };
  await initI18n('ru');
});
afterEach(() => {
  expect(consoleErrors.splice(0)).toEqual([]);
});
// Set after the check: Vitest runs the hooks set last first, so the roots are unmounted before the check,
// and an error logged while one unmounts is this test's.
const roots = pageRoots();

function render(input: ComplaintInput, compact: boolean): HTMLElement {
  const { root, host } = roots.mount();
  const errors = validateComplaintInput(input, now);
  flushSync(() =>
    root.render(
      createElement(
        I18nextProvider,
        { i18n: i18next },
        createElement(ComplaintFields, {
          input,
          errors,
          update: () => undefined,
          timeZone: 'Europe/Moscow',
          compact,
          descriptionLabel: compact ? 'Суть записи' : undefined,
        }),
      ),
    ),
  );
  return host;
}

const controls = (host: HTMLElement) =>
  [...host.querySelectorAll<HTMLElement>('input, textarea, select')].map((c) => c.id);

/** Name and bad contacts, no text, no consent: four errors in the fields both forms show. */
const faulty: ComplaintInput = {
  ...emptyComplaintInput('feedback_book', new Date(now.getTime() - 60_000)),
  customer: { name: 'Петров', phone: '12ab', email: 'x@', address: '', preferredContact: '' },
};

describe('ComplaintFields', () => {
  it('the feedback book shows its short set: who wrote, how to reach them, the summary, consent', () => {
    const host = render(faulty, true);
    expect(controls(host)).toEqual([
      'f-customer-name',
      'f-customer-phone',
      'f-customer-email',
      'f-noContactReason',
      'f-description',
      'f-consent',
    ]);
    expect(host.querySelector('label[for="f-description"]')?.textContent).toContain('Суть записи');
  });

  it('the New complaint form shows every field', () => {
    const ids = controls(render(faulty, false));
    for (const id of [
      'f-receivedAt',
      'f-customer-address',
      'f-customer-preferredContact',
      'f-remedy',
      'f-category',
    ])
      expect(ids).toContain(id);
  });

  it('R13: urgency sits beside severity, "normal" by default and for drafts from before it existed', () => {
    const ids = controls(render(faulty, false));
    expect(ids.slice(ids.indexOf('f-category'), ids.indexOf('f-category') + 3)).toEqual([
      'f-category',
      'f-severity',
      'f-urgencyLevel',
    ]);
    const older: ComplaintInput = { ...faulty };
    delete older.urgencyLevel;
    const select = render(older, false).querySelector<HTMLSelectElement>('#f-urgencyLevel')!;
    expect(select.value).toBe('normal');
    expect([...select.options].map((o) => o.textContent)).toEqual(
      URGENCY_LEVELS.map((u) => i18next.t(`complaints:urgencyLevel.${u}`)),
    );
    expect(render(faulty, true).querySelector('#f-urgencyLevel')).toBeNull();
  });

  it.each([true, false])(
    'compact %s: each control with an error is invalid and described by its message',
    (compact) => {
      const host = render(faulty, compact);
      for (const id of ['f-customer-phone', 'f-customer-email', 'f-description', 'f-consent']) {
        const control = host.querySelector<HTMLElement>(`#${id}`)!;
        expect(control.getAttribute('aria-invalid'), id).toBe('true');
        const described = control.getAttribute('aria-describedby');
        expect(described, id).toBe(`${id}-error`);
        expect(host.querySelector(`#${described}`)?.textContent?.trim(), id).not.toBe('');
      }
      // Without an error, a control with a hint points at the hint; one without neither.
      const reason = host.querySelector('#f-noContactReason')!;
      expect(reason.getAttribute('aria-invalid')).toBeNull();
      expect(host.querySelector(`#${reason.getAttribute('aria-describedby')}`)?.className).toBe('hint');
      expect(host.querySelector('#f-customer-name')!.hasAttribute('aria-describedby')).toBe(false);
    },
  );
});

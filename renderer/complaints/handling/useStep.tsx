import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TransitionRefused, ValidationFailed } from '../actions';
import { saveFailureText, type FullDiskContext } from '../../ui/saveFailure';

/**
 * Runs one handling action from a form: a refusal by the shared rules is shown as its reasons in the
 * user's language (locales/<lng>/lifecycle.json `refusal.*`, validation.json for field problems), a full
 * disk as such; what was entered stays in the form. Resolves true when it was saved.
 */
export function useStep(fullDisk: FullDiskContext = 'entered') {
  const { t } = useTranslation(['lifecycle', 'validation', 'complaints']);
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  // The guard against a second step while one saves is a ref: `saving` is the value of the render a caller
  // took `run` from, which may be before the step began (a double click) or after it ended (a queue).
  const busy = useRef(false);
  /**
   * `keep`: a later step of a queue (files dropped one after another): its success leaves what earlier steps
   * refused on screen, and its refusal is added to them. `label`: whose refusal it is (a file's name).
   */
  async function run(
    action: () => Promise<unknown>,
    { keep = false, label }: { keep?: boolean; label?: string } = {},
  ): Promise<boolean> {
    if (busy.current) return false;
    busy.current = true;
    setSaving(true);
    const show = (messages: string[]) => {
      const said = label === undefined ? messages : messages.map((m) => `${label}: ${m}`);
      setErrors((shown) => (keep ? [...new Set([...shown, ...said])] : said));
    };
    try {
      await action();
      if (!keep) setErrors([]);
      return true;
    } catch (err) {
      if (err instanceof TransitionRefused) show(err.reasons.map((r) => t(`lifecycle:refusal.${r}`)));
      else if (err instanceof ValidationFailed)
        show(err.errors.map((e) => t(`validation:${e.code}`, e.params)));
      else show([saveFailureText(err, (message) => t('complaints:form.saveFailed', { message }), fullDisk)]);
      return false;
    } finally {
      busy.current = false;
      setSaving(false);
    }
  }
  return { run, errors, saving };
}

/** The errors of a step, under its form. */
export function StepErrors({ errors, testId }: { errors: string[]; testId: string }) {
  if (errors.length === 0) return null;
  return (
    <ul className="error" role="alert" data-testid={testId}>
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { PIN_MAX_LENGTH } from '../../shared/people/pin';
import { Field } from '../ui/Field';

/** The first sign-in: a new PIN, typed twice (only its hash is kept). */
export function FirstPinFields({
  pin,
  repeat,
  onPin,
  onRepeat,
  pinRef,
  problemId,
}: {
  pin: string;
  repeat: string;
  onPin: (pin: string) => void;
  onRepeat: (pin: string) => void;
  pinRef: RefObject<HTMLInputElement | null>;
  /** The message under the form, when there is one. */
  problemId: string | undefined;
}) {
  const { t } = useTranslation('people');
  const input = {
    type: 'password',
    inputMode: 'numeric',
    autoComplete: 'new-password',
    maxLength: PIN_MAX_LENGTH,
  } as const;
  return (
    <>
      <p className="hint" id="first-pin-intro">
        {t('signIn.firstTime')}
      </p>
      <div className="grid-2">
        <Field id="first-pin" label={t('signIn.newPin')}>
          <input
            {...input}
            id="first-pin"
            aria-invalid={problemId ? true : undefined}
            aria-describedby={problemId ?? 'first-pin-intro'}
            ref={pinRef}
            value={pin}
            onChange={(e) => onPin(e.target.value.trim())}
          />
        </Field>
        <Field id="first-pin-repeat" label={t('signIn.repeatPin')}>
          <input
            {...input}
            id="first-pin-repeat"
            value={repeat}
            onChange={(e) => onRepeat(e.target.value.trim())}
          />
        </Field>
      </div>
    </>
  );
}

import { useEffect, useState, type ReactNode } from 'react';
import { useCounter } from './context';
import { isLockKey } from './CounterProvider';
import { SignInScreen } from './SignInScreen';

/**
 * The screens of a set-up workstation, behind the sign-in (issue 14, R24). While locked they stay as they
 * are — hidden and inert, so a draft, a half-typed note or a capture in progress is still there — and the
 * sign-in screen is shown instead. No key reaches the hidden screens' shortcuts meanwhile.
 */
export function CounterGate({ children }: { children: ReactNode }) {
  const counter = useCounter()!;
  const locked = counter.signedIn === null;
  const [focusList, setFocusList] = useState(0);

  useEffect(() => {
    if (!locked) return;
    // Keys still reach the sign-in form (and the header), but not the window-wide shortcuts of the hidden
    // screens (Alt+1…5, "/", Space to photograph): those listen on the window, after the document.
    const onKey = (e: KeyboardEvent) => {
      e.stopPropagation();
      if (isLockKey(e)) {
        e.preventDefault();
        setFocusList((n) => n + 1);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [locked]);

  return (
    <>
      {locked && <SignInScreen focusList={focusList} />}
      {counter.shown && (
        <div className="counter-work" hidden={locked} inert={locked} data-testid="counter-work">
          {children}
        </div>
      )}
    </>
  );
}

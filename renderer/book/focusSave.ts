import { useEffect, type RefObject } from 'react';

/**
 * The at-risk banner's "Complete and save" for an entry still being captured: the link carries this as its
 * history state, and the capture screen answers by bringing its save button into view and focusing it.
 */
export const FOCUS_SAVE = { focus: 'save' } as const;

function asked(): boolean {
  return (history.state as { focus?: unknown } | null)?.focus === FOCUS_SAVE.focus;
}

/** Focuses `button` when the current navigation asked for it (on mount and on every later navigation). */
export function useFocusSaveRequest(button: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const answer = () => {
      if (!asked() || !button.current) return;
      // Once: a reload or "back" to this page must not steal the focus again.
      history.replaceState(null, '');
      button.current.scrollIntoView({ block: 'center' });
      button.current.focus();
    };
    answer();
    window.addEventListener('hashchange', answer);
    return () => window.removeEventListener('hashchange', answer);
  }, [button]);
}

import { useCallback, useEffect, useEffectEvent, useState } from 'react';

export type Loaded<T> =
  | { state: 'loading'; data?: T }
  | { state: 'ready'; data: T }
  | { state: 'failed'; error: unknown; data?: T };

/** The last answer, with the inputs and the reload it answered. */
interface Answer<T> {
  deps: readonly unknown[];
  round: number;
  result: Loaded<T>;
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/**
 * Loads with `load` when its inputs change and on `reload()`; keeps the last data while reloading, and drops
 * the answer of a request that a newer one replaced (fast typing in a search box). Until the answer for the
 * current inputs comes, the state is `loading`: it is read from the inputs the last answer was for, not set
 * when a request starts.
 */
export function useRequest<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [answer, setAnswer] = useState<Answer<T> | undefined>(undefined);
  const [round, setRound] = useState(0);
  const run = useEffectEvent(load);
  useEffect(() => {
    let current = true;
    const answered = (result: (last: Loaded<T> | undefined) => Loaded<T>) => {
      if (current) setAnswer((a) => ({ deps, round, result: result(a?.result) }));
    };
    run().then(
      (data) => answered(() => ({ state: 'ready', data })),
      (error: unknown) =>
        answered((last) => ({
          state: 'failed',
          error,
          ...(last?.data !== undefined ? { data: last.data } : {}),
        })),
    );
    return () => {
      current = false;
    };
    // `deps` name what `load` depends on: a change loads again. They are the caller's, checked where they are
    // given (the lint's exhaustive-deps, with useRequest among its hooks: eslint.config.js).
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's list, and the reloads
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const result: Loaded<T> =
    answer && answer.round === round && sameList(answer.deps, deps)
      ? answer.result
      : { state: 'loading', ...(answer?.result.data !== undefined ? { data: answer.result.data } : {}) };
  return { ...result, reload };
}

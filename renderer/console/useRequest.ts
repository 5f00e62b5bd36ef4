import { useCallback, useEffect, useRef, useState } from 'react';

export type Loaded<T> =
  | { state: 'loading'; data?: T }
  | { state: 'ready'; data: T }
  | { state: 'failed'; error: unknown; data?: T };

/**
 * Loads with `load` when its inputs change and on `reload()`; keeps the last data while reloading, and drops
 * the answer of a request that a newer one replaced (fast typing in a search box).
 */
export function useRequest<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const generation = useRef(0);
  const latest = useRef(load);
  latest.current = load;
  // `deps` name what `load` depends on: a change loads again. They are checked where they are given (the
  // lint's exhaustive-deps, with useRequest among its hooks: eslint.config.js).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's list, checked at each call
  const stableLoad = useCallback(() => latest.current(), deps);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    setResult((r) => ({ state: 'loading', ...(r.data !== undefined ? { data: r.data } : {}) }));
    stableLoad().then(
      (data) => {
        if (mine === generation.current) setResult({ state: 'ready', data });
      },
      (error: unknown) => {
        if (mine === generation.current)
          setResult((r) => ({ state: 'failed', error, ...(r.data !== undefined ? { data: r.data } : {}) }));
      },
    );
  }, [stableLoad]);
  useEffect(() => {
    reload();
    // A counter, not a node: the answer in flight when the inputs change or the page goes is dropped.
    const requests = generation;
    return () => {
      requests.current++;
    };
  }, [reload]);
  return { ...result, reload };
}

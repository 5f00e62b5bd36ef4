import { describe, expect, it } from 'vitest';
import { ruleIds } from './eslint-rules';

// React's rules of hooks, and the React Compiler's, hold in every file of the page, not only in its components
// (.tsx): a hook of its own (useCapture.ts, useRequest.ts…) is a .ts file. The dependencies given to useRequest are checked where they
// are given, as an effect's are: its `load` runs again when they change.

const conditionalHook = `import { useState } from 'react';
export function useFlag(on: boolean) {
  if (on) return useState(true)[0];
  return false;
}`;

const request = (deps: string) => `import { useRequest } from '../useRequest';
export function useDetail(api: { complaint(id: string): Promise<unknown> }, id: string) {
  return useRequest(() => api.complaint(id), ${deps});
}`;

// The first case loads the whole ESLint config; on a busy two-core machine that alone can take seconds.
describe('hooks in the page', { timeout: 30_000 }, () => {
  it.each(['renderer/book/useX.ts', 'renderer/console/x/useX.ts', 'renderer/ui/X.tsx'])(
    '%s: a hook called conditionally is refused',
    async (file) => {
      expect(await ruleIds(file, conditionalHook)).toContain('react-hooks/rules-of-hooks');
    },
  );

  // The React Compiler's rules too: here, a ref written while rendering (useEffectEvent is the way).
  it.each(['renderer/complaints/useX.ts', 'renderer/complaints/X.tsx'])(
    '%s: a ref written during render is refused',
    async (file) => {
      const code = `import { useRef } from 'react';
export function useLatest(value: number) {
  const latest = useRef(value);
  latest.current = value;
  return latest;
}`;
      expect(await ruleIds(file, code)).toContain('react-hooks/refs');
    },
  );

  // A hook of its own (.ts) and a component (.tsx), where the console calls it.
  it.each(['renderer/console/x/useDetail.ts', 'renderer/console/x/Detail.tsx'])(
    '%s: a dependency the useRequest load uses and its list leaves out is refused; the whole list passes',
    async (file) => {
      expect(await ruleIds(file, request('[api]'))).toContain('react-hooks/exhaustive-deps');
      expect(await ruleIds(file, request('[api, id]'))).toEqual([]);
    },
  );
});

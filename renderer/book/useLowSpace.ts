import { useEffect, useState } from 'react';
import { platform } from '../platform';

/** Below this much free space a warning shows before the next photo (a page is ~0.5–1 MB). */
const LOW_SPACE_BYTES = 200 * 1024 * 1024;

/** Free bytes when they are running low (R22), else null; checked again whenever `trigger` changes. */
export function useLowSpace(trigger: unknown): number | null {
  const [free, setFree] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    platform
      .diskSpace()
      .then((s) => live && setFree(s && s.freeBytes < LOW_SPACE_BYTES ? s.freeBytes : null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [trigger]);
  return free;
}

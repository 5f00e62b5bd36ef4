import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLOW_FIRST } from '../../sequencer';

const root = join(import.meta.dirname, '../../..');

// Issue 17 item 5: the head start of the slow integration files is only as good as its list.
describe('the slow-first list of the test sequencer', () => {
  it.each(Object.keys(SLOW_FIRST))('%s exists (renamed or split files must be listed anew)', (file) => {
    expect(existsSync(join(root, file))).toBe(true);
  });
});

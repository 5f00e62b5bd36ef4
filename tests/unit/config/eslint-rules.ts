import { join } from 'node:path';
import { ESLint } from 'eslint';

// The project's own ESLint configuration, for the tests of its rules.
const eslint = new ESLint({ cwd: join(import.meta.dirname, '../../..') });

/** The rules ESLint reports for `code` as if it were the file at `filePath` (a parse error as "fatal: …"). */
export async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

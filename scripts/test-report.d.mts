export interface Floor {
  files: number;
  tests: number;
}
export interface Skip {
  title: string;
  reason: string | undefined;
}
export interface Row {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  flaky: number;
  files: number | undefined;
  problems: string[];
  notes: string[];
  skips: Skip[];
  failures: string[];
}
export interface VitestSummary {
  projects: Record<
    string,
    {
      files: number;
      passed: number;
      failed: number;
      skipped: number;
      errors: string[];
      failures?: string[];
      skips: Array<{ file: string; name: string; mode: string; note?: string; blocked?: boolean }>;
    }
  >;
  unhandledErrors: string[];
}
export const NOT_RUN: string;
export function failureLine(title: string, message: string | undefined): string;
export function row(name: string, counts?: Partial<Row>): Row;
export function applyFloor(r: Row, floor: Floor | undefined, where: string): Row;
export function vitestRows(
  summary: VitestSummary,
  projects: string[],
  floors: Record<string, Floor>,
  suite?: string,
): Row[];
export function playwrightRows(report: unknown, floors: Record<string, Floor>, suite?: string): Row[];
export function skippedLine(skips: Skip[]): string | undefined;
export function rowFailed(r: Row): boolean;
export function closingLine(rows: Row[]): { passed: number; failed: number; line: string };

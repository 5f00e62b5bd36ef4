export function referenceWork(): {
  sum: number;
  jsonChars: number;
  entries: number;
  readBack: number;
  sha256: string;
};
export function referenceMs(
  runs?: number,
  cpuUsage?: () => { user: number; system: number },
  work?: () => unknown,
): number;
export function measureHostSpeed(): number | undefined;
export function hostSpeedLine(start: number | undefined, end?: number): string;
export function startHostSpeed(): () => string;

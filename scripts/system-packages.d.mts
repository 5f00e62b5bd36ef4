export function waitForSystemPackages(
  file: string,
  pollMs?: number,
): Promise<{ ok: boolean; status: number | undefined; seconds: number | undefined }>;

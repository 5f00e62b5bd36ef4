export function waitForSystemPackages(
  file: string,
  options?: { pid?: number; pollMs?: number; limitMs?: number },
): Promise<{ ok: boolean; status: number | undefined; seconds: number | undefined; why?: string }>;

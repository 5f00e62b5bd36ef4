export function postgresBin(): string | null;
export function startPostgres(options?: {
  durable?: boolean;
}): Promise<{ url: string; stop: () => void; restart: () => void }>;
export function startStandby(primaryUrl: string): Promise<{ url: string; stop: () => void }>;

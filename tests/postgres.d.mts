export function postgresBin(): string | null;
export function startPostgres(): Promise<{ url: string; stop: () => void }>;

export function installDependencies(options: {
  root: string;
  env?: NodeJS.ProcessEnv;
  stdio?: 'inherit' | 'ignore';
  log?: (line: string) => void;
}): Promise<number>;
export const LOCK_COPY: string;

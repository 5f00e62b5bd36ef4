/**
 * Which HQ addresses a workstation may connect to (issue 13). Complaints carry customers' names, phones
 * and addresses: they travel encrypted (https), except to an HQ on this very computer (loopback: the
 * embedded demo, tests), where nothing crosses a network.
 */
export type HqUrlProblem = 'invalid' | 'insecure';

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
  );
}

/** Undefined when the address is acceptable: https, or http to this computer; never with credentials. */
export function hqUrlProblem(value: string): HqUrlProblem | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'invalid';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'invalid';
  if (url.username !== '' || url.password !== '') return 'invalid';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return 'insecure';
  return undefined;
}

import { describe, expect, it } from 'vitest';
import { hqUrlProblem, isLoopbackHost } from '../../../../shared/security/hq-url';

// Issue 13: customers' data reaches HQ encrypted; plain http only to this very computer.
describe('HQ address', () => {
  it.each<[string, ReturnType<typeof hqUrlProblem>]>([
    ['https://hq.example.com', undefined],
    ['https://10.0.0.5:8443/', undefined],
    ['http://127.0.0.1:4180', undefined],
    ['http://127.10.0.1', undefined],
    ['http://localhost:4180', undefined],
    ['http://hq.localhost', undefined],
    ['http://[::1]:4180', undefined],
    ['http://10.0.0.5:4180', 'insecure'],
    ['http://hq.example.com', 'insecure'],
    ['http://127.0.0.1.example.com', 'insecure'],
    ['http://localhost.example.com', 'insecure'],
    ['http://[::2]', 'insecure'],
    ['ftp://hq.example.com', 'invalid'],
    ['https://user:pw@hq.example.com', 'invalid'],
    ['hq.example.com', 'invalid'],
    ['', 'invalid'],
  ])('%s → %s', (url, problem) => {
    expect(hqUrlProblem(url)).toBe(problem);
  });

  it('loopback names', () => {
    expect(['localhost', 'LOCALHOST', '127.0.0.1', '[::1]', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '128.0.0.1', 'localhostx', '127.0.0'].some(isLoopbackHost)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseQrPayload, qrPayload } from '../../../../shared/documents';

const content = { number: 'MSK-01-2026-100042', checkCode: '7K3MQ9XA' };

describe('QR payload (issue 16)', () => {
  it('without a status page: upper-case letters, digits, "-" and ":" only (QR alphanumeric mode)', () => {
    const payload = qrPayload(content);
    expect(payload).toBe('OTKLIK:MSK-01-2026-100042:7K3MQ9XA');
    expect(payload).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
  });

  it('with a status page: its address with the number and the code', () => {
    expect(qrPayload(content, 'https://status.example.com/')).toBe(
      'https://status.example.com/c/MSK-01-2026-100042?k=7K3MQ9XA',
    );
  });

  it.each([undefined, 'https://status.example.com', 'http://10.0.0.5:8080/otklik/'])(
    'reads back what it wrote (status page %s)',
    (url) => {
      expect(parseQrPayload(qrPayload(content, url))).toEqual(content);
    },
  );

  it.each([
    ['lower case', 'otklik:msk-01-2026-100042:7k3m-q9xa', content],
    ['not ours', 'WIFI:S:cafe;T:WPA;P:secret;;', null],
    ['a bad number', 'OTKLIK:MSK-2026-42:7K3MQ9XA', null],
    ['a bad code', 'OTKLIK:MSK-01-2026-100042:7K3MQ9X', null],
    ['a foreign link', 'https://evil.example/login', null],
    ['a script link', 'javascript:alert(1)//c/MSK-01-2026-100042?k=7K3MQ9XA', null],
    ['empty', '', null],
  ])('parses %s', (_name, payload, expected) => {
    expect(parseQrPayload(payload)).toEqual(expected);
  });
});

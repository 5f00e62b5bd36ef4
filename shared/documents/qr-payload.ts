/**
 * What the receipt's QR code says (R9, issue 16): the complaint number and its check code.
 *
 * Without a status page: `OTKLIK:MSK-01-2026-100123:7K3MQ9XA` — upper-case letters, digits, '-' and ':' only,
 * so the QR encoder uses its alphanumeric mode and the symbol stays small (large modules scan best on a
 * thermal receipt). When the company runs the public status page (a later step), the payload is its address
 * with the same two values, which any phone camera opens: `https://status.example.com/c/MSK-01-2026-100123?k=7K3MQ9XA`.
 */
import { parseComplaintNumber } from '../complaints/numbering';
import { normalizeCheckCode } from './check-code';

const PREFIX = 'OTKLIK';

export interface QrContent {
  number: string;
  checkCode: string;
}

export function qrPayload(content: QrContent, statusPageUrl?: string): string {
  if (!statusPageUrl) return `${PREFIX}:${content.number}:${content.checkCode}`;
  const base = statusPageUrl.replace(/\/+$/, '');
  return `${base}/c/${encodeURIComponent(content.number)}?k=${content.checkCode}`;
}

/** The number and code from a scanned payload of either form, or null when it is not one of ours. */
export function parseQrPayload(payload: string): QrContent | null {
  const text = payload.trim();
  let number: string | undefined;
  let code: string | undefined;
  const plain = /^OTKLIK:([^:]+):([^:]+)$/i.exec(text);
  if (plain) {
    number = plain[1];
    code = plain[2];
  } else {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return null;
    }
    const match = /\/c\/([^/]+)$/.exec(url.pathname);
    const key = /[?&]k=([^&#]*)/.exec(url.href);
    if (!match || !key || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
    try {
      number = decodeURIComponent(match[1]!);
    } catch {
      return null;
    }
    code = key[1];
  }
  const parts = number ? parseComplaintNumber(number) : null;
  const checkCode = code ? normalizeCheckCode(code) : null;
  if (!parts || !checkCode) return null;
  return { number: number!.trim().toUpperCase(), checkCode };
}

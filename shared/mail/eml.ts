/**
 * A MIME message (RFC 5322 / 2045–2047) as an `.eml` file: the R7 fallback the branch hands to any mail
 * client when HQ cannot be reached in time (HQ itself sends through nodemailer, which takes the same
 * addresses and attachments). Pure: no Node mail library runs in the page, and the message is small and
 * regular (text + JPEG/PNG attachments), so the encoder is a few dozen lines.
 */

export interface MailAddress {
  name?: string;
  address: string;
}

export interface EmlAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface EmlMessage {
  from?: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  text: string;
  date: Date;
  /** With angle brackets, e.g. "<book-entry.…@otklik>". */
  messageId: string;
  attachments: EmlAttachment[];
  /** Marks a draft: Outlook opens it ready to send (X-Unsent), other clients offer "edit as new". */
  draft?: boolean;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + B64[(n >>> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + B64[(n >>> 6) & 63]! + '=';
  }
  return out;
}

/** Base64 in lines of 76 characters, as MIME bodies require. */
function base64Lines(bytes: Uint8Array): string {
  return (base64(bytes).match(/.{1,76}/g) ?? []).join('\r\n');
}

const utf8 = new TextEncoder();
const PLAIN_HEADER_TEXT = /^[\x20-\x7e]*$/;

/**
 * RFC 2047 encoded words for a header value that is not plain ASCII, split on character boundaries so
 * that no word is longer than 75 characters.
 */
export function encodeHeaderText(value: string): string {
  if (PLAIN_HEADER_TEXT.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const ch of value) {
    if (utf8.encode(chunk + ch).length > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${base64(utf8.encode(w))}?=`).join('\r\n ');
}

const SIMPLE_ADDRESS = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+$/;

export function formatAddress(a: MailAddress): string {
  if (!SIMPLE_ADDRESS.test(a.address)) throw new Error(`Not an e-mail address: "${a.address}"`);
  if (!a.name) return a.address;
  const name = PLAIN_HEADER_TEXT.test(a.name)
    ? `"${a.name.replace(/["\\]/g, '\\$&')}"`
    : encodeHeaderText(a.name);
  return `${name} <${a.address}>`;
}

/** RFC 5322 date in UTC, e.g. "Mon, 23 Nov 2026 08:05:00 +0000". */
function rfc5322Date(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

function safeFilename(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return cleaned || 'attachment';
}

export function buildEml(msg: EmlMessage): string {
  if (msg.to.length === 0) throw new Error('A message needs at least one recipient');
  // Deterministic for the same message, and never found in base64 or in the text part (also base64).
  const boundary = `=_otklik_${base64(utf8.encode(msg.messageId))
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 40)}`;
  const headers = [
    ...(msg.from ? [`From: ${formatAddress(msg.from)}`] : []),
    `To: ${msg.to.map(formatAddress).join(',\r\n ')}`,
    ...(msg.cc.length > 0 ? [`Cc: ${msg.cc.map(formatAddress).join(',\r\n ')}`] : []),
    `Subject: ${encodeHeaderText(msg.subject)}`,
    `Date: ${rfc5322Date(msg.date)}`,
    `Message-ID: ${msg.messageId}`,
    ...(msg.draft ? ['X-Unsent: 1'] : []),
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
  ];
  const parts = [
    [
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(utf8.encode(msg.text.replace(/\r?\n/g, '\r\n'))),
    ].join('\r\n'),
    ...msg.attachments.map((a) => {
      const name = safeFilename(a.filename);
      return [
        `Content-Type: ${a.contentType}; name="${name}"`,
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; filename="${name}"`,
        '',
        base64Lines(a.content),
      ].join('\r\n');
    }),
  ];
  return [
    ...headers,
    '',
    'This is a multipart message in MIME format.',
    ...parts.map((p) => `--${boundary}\r\n${p}`),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

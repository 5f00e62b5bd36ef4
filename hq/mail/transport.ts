import { chmod, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { MailAddress } from '../../shared/mail/eml';
import { PRIVATE_FILE, privateDir } from '../fs-modes';

/** The R7 message of an entry, or its R11 escalation, as nodemailer takes it (SMTP and `.eml` alike). */
export interface OutgoingMail {
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  text: string;
  messageId: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

/** Where a message goes: an SMTP server (SMTP_URL) or, by default, `.eml` files in a folder. */
export interface MailTransport {
  readonly description: string;
  /** Resolves once the message is accepted; the addresses it was accepted for. */
  send(mail: OutgoingMail): Promise<{ to: string[]; cc: string[] }>;
  close(): void;
}

/** A send error that waiting cannot fix (see shared/mail/policy isPermanentFailure). */
export class RecipientRejected extends Error {
  readonly responseCode = 550;
}

const addresses = (list: OutgoingMail['to']) => list.map((p) => p.address);

function message(from: string, mail: OutgoingMail) {
  return {
    from,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    attachments: mail.attachments,
  };
}

export function smtpTransport(url: string, from: string): MailTransport {
  // Timeouts well inside the worker's lease, so a hung server cannot make two workers send the same job.
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const safe = new URL(url);
  safe.password = '';
  safe.username = '';
  return {
    description: `SMTP ${safe.host}`,
    async send(mail) {
      const info = await transporter.sendMail(message(from, mail));
      const rejected = new Set(
        ((info.rejected ?? []) as Array<string | { address: string }>).map((a) =>
          typeof a === 'string' ? a : a.address,
        ),
      );
      const to = addresses(mail.to).filter((a) => !rejected.has(a));
      // The manager is the point of the message: a refused manager address is a failure for a person to fix.
      if (to.length === 0) throw new RecipientRejected(`recipient refused: ${addresses(mail.to).join(', ')}`);
      return { to, cc: addresses(mail.cc).filter((a) => !rejected.has(a)) };
    },
    close: () => transporter.close(),
  };
}

/**
 * The embedded default: each message as `<dir>/<message id>.eml`, the very bytes SMTP would carry. Written to
 * a temporary name and renamed, so a file is complete or absent; a re-send replaces it with the same message.
 */
export function emlFolderTransport(dir: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    description: `.eml files in ${dir}`,
    async send(mail) {
      const info = await transporter.sendMail(message(from, mail));
      await privateDir(dir); // issue 13: the messages hold customers' names and photos
      const name = mail.messageId
        .replace(/^<|>$/g, '')
        .replace(/@.*$/, '')
        .replace(/[^A-Za-z0-9._-]/g, '_');
      const file = join(dir, `${name}.eml`);
      await writeFile(`${file}.tmp`, info.message as Buffer, { flush: true, mode: PRIVATE_FILE });
      await chmod(`${file}.tmp`, PRIVATE_FILE);
      await rename(`${file}.tmp`, file);
      console.log(`[hq] mail: wrote ${file} (to ${addresses(mail.to).join(', ')})`);
      return { to: addresses(mail.to), cc: addresses(mail.cc) };
    },
    close: () => transporter.close(),
  };
}

import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { SmtpFault } from './schedule';

interface SmtpConnection {
  id: string;
  _socket: { destroy(): void };
}

/**
 * Issue 20: the real SMTP server HQ mails to in a chaos run, parsed by a real MIME parser. Its faults:
 * `refuse` answers 421 (try later) to every connection; `hang` keeps a connection waiting without a
 * greeting; `die` stops listening (connections refused) until it is told `ok`; `lostAck` takes the message
 * and drops the connection before its 250, so HQ cannot know it arrived (it must send it again, with the
 * same Message-ID); `reject` refuses the managers' mailboxes for good (550 at RCPT TO): HQ fails the entry's
 * mail and escalates it to the head of sales, whose mailbox takes it.
 */
export class ChaosSmtp {
  readonly received: ParsedMail[] = [];
  fault: SmtpFault | 'ok' = 'ok';
  readonly counts: Partial<Record<SmtpFault, number>> = {};
  private server: SMTPServer | undefined;
  private readonly held: Array<() => void> = [];

  constructor(readonly port: number) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private count(fault: SmtpFault): void {
    this.counts[fault] = (this.counts[fault] ?? 0) + 1;
  }

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect: (_session, callback) => {
        if (this.fault === 'refuse') {
          this.count('refuse');
          return callback(
            Object.assign(new Error('Service not available, try later'), { responseCode: 421 }),
          );
        }
        if (this.fault === 'hang') {
          this.count('hang');
          return void this.held.push(() => callback());
        }
        callback();
      },
      onRcptTo: (address, _session, callback) => {
        if (this.fault === 'reject' && address.address.startsWith('manager')) {
          this.count('reject');
          return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        }
        callback();
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.received.push(mail);
            if (this.fault === 'lostAck') {
              this.count('lostAck');
              // The message is in; the client never hears so.
              const connection = [...this.connections()].find((c) => c.id === session.id);
              if (connection) return void connection._socket.destroy();
            }
            callback();
          })
          .catch(callback);
      },
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async set(fault: SmtpFault | 'ok'): Promise<void> {
    if (this.fault === 'die' && fault !== 'die') await this.start();
    this.fault = fault;
    if (fault !== 'hang') for (const release of this.held.splice(0)) release();
    if (fault === 'die') {
      this.count('die');
      await this.close();
    }
  }

  /** smtp-server's open connections (not in its types): the only way to cut one from the server side. */
  private connections(server = this.server): Set<SmtpConnection> {
    return (server as unknown as { connections?: Set<SmtpConnection> } | undefined)?.connections ?? new Set();
  }

  async close(): Promise<void> {
    for (const release of this.held.splice(0)) release();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    // close() waits for open connections; HQ's pooled ones would keep it waiting.
    for (const c of this.connections(server)) c._socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

import { connect, type Socket } from 'node:net';

/**
 * HTTP at the byte level, for what fetch cannot do: send headers and hold the body back, trickle bytes,
 * hang up mid-upload, see whether an answer arrived before a reset.
 */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class RawConnection {
  readonly socket: Socket;
  private data = Buffer.alloc(0);
  /** Resolves when the server has closed (or reset) the connection. */
  readonly closed: Promise<{ error?: string }>;
  private waiters: Array<() => void> = [];

  constructor(url: string) {
    const { hostname, port } = new URL(url);
    this.socket = connect(Number(port), hostname);
    this.socket.on('data', (chunk: Buffer) => {
      this.data = Buffer.concat([this.data, chunk]);
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      let error: string | undefined;
      this.socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
      this.socket.on('close', () => {
        this.wake();
        resolve(error ? { error } : {});
      });
    });
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  write(text: string | Buffer): boolean {
    return this.socket.write(text);
  }

  /** Writes unless the server has closed the connection (a write after that would only fail). */
  tryWrite(text: string | Buffer): boolean {
    if (this.socket.destroyed || this.socket.writableEnded) return false;
    this.socket.write(text);
    return true;
  }

  /** The first response on the connection, once complete; undefined if the connection closed without one. */
  async response(timeoutMs = 15_000): Promise<RawResponse | undefined> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const parsed = this.parse();
      if (parsed) return parsed;
      if (this.socket.destroyed) return undefined;
      if (Date.now() > until) throw new Error(`no answer within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, until - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private parse(): RawResponse | undefined {
    const end = this.data.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const [statusLine, ...lines] = this.data.subarray(0, end).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    const body = this.data.subarray(end + 4);
    if (body.length < length) return undefined;
    return {
      status: Number(statusLine!.split(' ')[1]),
      headers,
      body: body.subarray(0, length).toString('utf8'),
    };
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** The request line and headers of a request, ready to write. */
export function head(method: string, path: string, headers: Record<string, string | number>): string {
  const lines = Object.entries({ host: 'hq', ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A request whose headers and body leave in one write, so they arrive together: the server never waits
 * for a body a busy test process has not sent yet (a tiny JSON body held back by a loaded machine was
 * cut off as too slow — 408 — by a test HQ watching body progress every 600 ms).
 */
export async function sendWhole(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<RawResponse> {
  const conn = new RawConnection(url);
  try {
    const bytes = Buffer.from(body);
    conn.write(
      Buffer.concat([Buffer.from(head(method, path, { ...headers, 'content-length': bytes.length })), bytes]),
    );
    const answer = await conn.response(30_000);
    if (!answer) throw new Error(`${method} ${path}: the connection closed without an answer`);
    return answer;
  } finally {
    conn.destroy();
  }
}

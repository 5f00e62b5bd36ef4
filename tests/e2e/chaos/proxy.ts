import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Rng } from '../../integration/hq/fuzz/random';
import type { ProxyFault } from './schedule';

const readAll = (stream: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/**
 * Issue 20: the fault proxy between the branch and HQ. The branch's HQ address is this proxy; every request
 * is read whole, then passed on — or delayed, dropped, reset, cut short on its way to HQ, answered 500, or
 * passed on and its answer lost or cut short (HQ committed, the branch never heard).
 */
export class FaultProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  faults: ProxyFault[] = [];
  p = 0;
  readonly counts: Partial<Record<ProxyFault, number>> = {};
  requests = 0;

  constructor(
    readonly port: number,
    private readonly upstreamPort: number,
    private readonly rng: Rng,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** HQ's own error answers by status (a 507 while its disk is full, a 500 in its 500 window…). */
  readonly answered: Record<number, number> = {};

  private pickFault(): ProxyFault | undefined {
    this.requests++;
    if (!this.faults.length || !this.rng.chance(this.p)) return undefined;
    const fault = this.rng.pick(this.faults);
    this.counts[fault] = (this.counts[fault] ?? 0) + 1;
    return fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await readAll(req);
    } catch {
      return;
    }
    const fault = this.pickFault();
    const socket = req.socket;
    try {
      switch (fault) {
        case 'drop':
          return void socket.destroy();
        case 'reset':
          return void socket.resetAndDestroy();
        case 'http500':
          return this.error500(req, res);
        case 'truncateRequest':
          await this.forward(req, body, Math.floor(body.length / 2)).catch(() => undefined);
          return void socket.destroy();
        case 'delay':
          await sleep(this.rng.int(300, 4000));
          break;
        default:
      }
      const answer = await this.forward(req, body);
      if (answer.status >= 400) this.answered[answer.status] = (this.answered[answer.status] ?? 0) + 1;
      if (fault === 'lostAnswer') return void socket.destroy();
      if (fault === 'http500AfterCommit') return this.error500(req, res);
      res.writeHead(answer.status, answer.headers);
      if (fault === 'truncateAnswer' && answer.body.length > 1) {
        res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
        await sleep(20);
        return void socket.destroy();
      }
      res.end(answer.body);
    } catch {
      // HQ is down (killed) or cut the connection: the branch sees the same.
      socket.destroy();
    }
  }

  /** A 500 the way HQ answers one, with its CORS headers, so the page sees the status, not a network error. */
  private error500(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    res.writeHead(500, {
      'content-type': 'application/json',
      ...(origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {}),
    });
    res.end(JSON.stringify({ error: 'internal_error', message: 'chaos proxy' }));
  }

  /** Passes the request on; `cutAt` sends only that many bytes of the body, then gives up on it. */
  private forward(req: IncomingMessage, body: Buffer, cutAt?: number): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: `127.0.0.1:${this.upstreamPort}` };
      const up = request({
        host: '127.0.0.1',
        port: this.upstreamPort,
        method: req.method,
        path: req.url,
        headers,
        agent: false,
      });
      up.once('error', reject);
      up.once('response', (r) => {
        readAll(r).then((b) => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: b }), reject);
      });
      if (cutAt === undefined) return void up.end(body);
      up.write(body.subarray(0, cutAt));
      setTimeout(() => {
        up.destroy();
        reject(new Error('cut'));
      }, 50);
    });
  }
}

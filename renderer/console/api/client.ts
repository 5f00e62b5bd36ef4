import type { z } from 'zod';
import {
  CONSOLE_PATHS,
  complaintDetailSchema,
  complaintListSchema,
  CSRF_HEADER,
  queuesSchema,
  sessionResponseSchema,
  type ComplaintDetail,
  type ComplaintList,
  type ConsoleAction,
  type ConsolePrinted,
  type Queues,
  type SessionResponse,
} from '../../../shared/console/protocol';
import { ConsoleApiError, errorOf } from './errors';

export type Fetch = typeof fetch;

/** A console request that has not answered in this time is given up (HQ is slow or the link is gone). */
const TIMEOUT_MS = 30_000;

/**
 * The console's HTTP client (shared/console/protocol.ts). Same origin as HQ: the session cookie travels by
 * itself (HttpOnly, SameSite=Strict); every state change also carries the session's CSRF token. Answers are
 * checked against the contract's schemas, failures become ConsoleApiError with HQ's `{code, message}`.
 * A 401 outside sign-in means the session ended: `onSessionEnded` lets the app go back to sign-in.
 */
export class ConsoleApi {
  private csrfToken: string | undefined;
  private readonly sessionEndListeners = new Set<() => void>();

  constructor(
    private readonly base = '',
    private readonly fetchImpl: Fetch = (input, init) => fetch(input, init),
  ) {}

  /** Called when HQ answers 401 to a signed-in request (idle or absolute expiry, revoked, signed out elsewhere). */
  onSessionEnded(listener: () => void): () => void {
    this.sessionEndListeners.add(listener);
    return () => this.sessionEndListeners.delete(listener);
  }

  /** The signed-in user, or null when there is no valid session (the app starts at sign-in). */
  async session(): Promise<SessionResponse | null> {
    try {
      return this.remember(await this.request('GET', CONSOLE_PATHS.session, sessionResponseSchema));
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 401) return null;
      throw error;
    }
  }

  async signIn(email: string, password: string): Promise<SessionResponse> {
    const answer = await this.request('POST', CONSOLE_PATHS.session, sessionResponseSchema, {
      body: { email, password },
      signIn: true,
    });
    return this.remember(answer);
  }

  async signOut(): Promise<void> {
    try {
      await this.request('DELETE', CONSOLE_PATHS.session, null, { signIn: true });
    } finally {
      this.csrfToken = undefined;
    }
  }

  /** From the one-time link `#/set-password/<token>` (no session needed). */
  async setPassword(token: string, password: string): Promise<void> {
    await this.request('POST', CONSOLE_PATHS.password, null, { body: { token, password }, signIn: true });
  }

  complaints(query: URLSearchParams): Promise<ComplaintList> {
    const qs = query.toString();
    return this.request('GET', `${CONSOLE_PATHS.complaints}${qs ? `?${qs}` : ''}`, complaintListSchema);
  }

  complaint(id: string): Promise<ComplaintDetail> {
    return this.request('GET', CONSOLE_PATHS.complaint(encodeURIComponent(id)), complaintDetailSchema);
  }

  /** An action at HQ (note, take over, lifecycle step); HQ's answer is not relied on: read the complaint again. */
  async act(id: string, action: ConsoleAction): Promise<void> {
    await this.request('POST', CONSOLE_PATHS.complaintEvents(encodeURIComponent(id)), null, {
      body: action,
    });
  }

  /** Issue 16: the user printed one of the complaint's documents (recorded in its history and the audit). */
  async printed(id: string, printed: ConsolePrinted): Promise<void> {
    await this.request('POST', CONSOLE_PATHS.complaintPrinted(encodeURIComponent(id)), null, {
      body: printed,
    });
  }

  queues(): Promise<Queues> {
    return this.request('GET', CONSOLE_PATHS.queues, queuesSchema);
  }

  async retryMail(jobId: string): Promise<void> {
    await this.request('POST', CONSOLE_PATHS.mailRetry(jobId), null, { body: {} });
  }

  /** The authenticated, scope-checked photo route: an <img> sends the session cookie (same origin). */
  photoUrl(sha256: string): string {
    return `${this.base}${CONSOLE_PATHS.photo(encodeURIComponent(sha256))}`;
  }

  /** Issue 15 (R3): one attached file, scope-checked at HQ and always a download (a link sends the cookie). */
  attachmentUrl(complaintId: string, attachmentId: string): string {
    return `${this.base}${CONSOLE_PATHS.attachment(encodeURIComponent(complaintId), encodeURIComponent(attachmentId))}`;
  }

  /** GET/POST/PATCH/DELETE with a schema for the answer (null: the answer's body is not used). */
  async request<S extends z.ZodType | null>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    schema: S,
    options: { body?: unknown; signIn?: boolean } = {},
  ): Promise<S extends z.ZodType ? z.infer<S> : undefined> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers[CSRF_HEADER] = this.csrfToken;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      throw new ConsoleApiError(0, timedOut ? 'timeout' : 'network', String(error));
    }
    if (!response.ok) {
      const error = await errorOf(response);
      if (error.status === 401 && !options.signIn && path !== CONSOLE_PATHS.session) {
        this.csrfToken = undefined;
        for (const listener of this.sessionEndListeners) listener();
      }
      throw error;
    }
    if (schema === null) return undefined as never;
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new ConsoleApiError(response.status, 'bad_answer', String(error));
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConsoleApiError(
        response.status,
        'bad_answer',
        `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'unexpected answer'}`,
      );
    }
    return parsed.data as never;
  }

  private remember(answer: SessionResponse): SessionResponse {
    this.csrfToken = answer.csrfToken;
    return answer;
  }
}

import type { z } from 'zod';
import {
  enrollResponseSchema,
  errorBodySchema,
  HQ_PATHS,
  pullResponseSchema,
  pushResponseSchema,
  type EnrollRequest,
  type EnrollResponse,
  type PullResponse,
  type PushOperation,
  type PushResponse,
} from '../../shared/sync/protocol';
import { REQUEST_TIMEOUT_MS, transferTimeoutMs } from '../../shared/sync/backoff';
import type { SyncProblem } from '../../shared/sync/problems';

/** Why a request to HQ failed, in the terms the UI explains to a person. */
export type SyncErrorKind =
  'offline' | 'unreachable' | 'timeout' | 'server' | 'unauthorized' | 'refused' | 'not_connected';

export class HqRequestError extends Error {
  /** What happened, as data the UI words in the reader's language (the message is the raw detail). */
  readonly problem: SyncProblem;

  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
    problem?: SyncProblem,
  ) {
    super(message);
    this.problem = problem ?? problemOf(kind, message, status, code);
  }
}

/** The problem to show for any error of a sync step: HQ's as it said it, anything else as its message. */
export const syncProblemOf = (error: unknown): SyncProblem =>
  error instanceof HqRequestError
    ? error.problem
    : { kind: 'unknown', detail: error instanceof Error ? error.message : String(error) };

function problemOf(kind: SyncErrorKind, detail: string, status?: number, code?: string): SyncProblem {
  const hq = { ...(code ? { code } : {}), detail };
  switch (kind) {
    case 'offline':
    case 'not_connected':
      return { kind };
    case 'unreachable':
      return { kind: 'network', detail };
    case 'timeout':
      return { kind: 'timeout', seconds: Math.round(REQUEST_TIMEOUT_MS / 1000) };
    case 'unauthorized':
      return { kind: 'unauthorized', ...hq };
    case 'server':
      return status ? { kind: 'http', status, ...hq } : { kind: 'bad_answer', detail };
    case 'refused':
      return status === 404 && !code
        ? { kind: 'not_hq', status }
        : { kind: 'refused', status: status ?? 400, ...hq };
  }
}

export interface HqConnection {
  hqUrl: string;
  token: string;
}

export type Fetch = typeof fetch;

/**
 * One request with a time limit that always frees the caller (AbortSignal.timeout), its failures sorted
 * into kinds, and HQ's `{code, message}` kept.
 */
async function request(
  fetchImpl: Fetch,
  url: string,
  init: RequestInit & { timeoutMs?: number },
): Promise<Response> {
  const { timeoutMs = REQUEST_TIMEOUT_MS, ...rest } = init;
  let response: Response;
  try {
    response = await fetchImpl(url, { ...rest, signal: AbortSignal.timeout(timeoutMs), cache: 'no-store' });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      const seconds = Math.max(1, Math.round(timeoutMs / 1000));
      throw new HqRequestError('timeout', `No answer from HQ within ${seconds} s`, undefined, undefined, {
        kind: 'timeout',
        seconds,
      });
    }
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    throw new HqRequestError(offline ? 'offline' : 'unreachable', String((error as Error).message ?? error));
  }
  if (response.ok || response.status === 404) return response;
  let body: { code?: string; message?: string } = {};
  try {
    body = errorBodySchema.parse(await response.json());
  } catch {
    // Not one of HQ's answers (a proxy page, say): the status says enough.
  }
  const kind: SyncErrorKind =
    response.status === 401 ? 'unauthorized' : response.status >= 500 ? 'server' : 'refused';
  throw new HqRequestError(kind, body.message ?? `HTTP ${response.status}`, response.status, body.code);
}

const json = async <S extends z.ZodType>(response: Response, schema: S): Promise<z.infer<S>> => {
  try {
    return schema.parse(await response.json());
  } catch (error) {
    throw new HqRequestError('server', `HQ answered something unexpected: ${(error as Error).message}`);
  }
};

export function createHqClient(fetchImpl: Fetch = (...args) => fetch(...args)) {
  const auth = (c: HqConnection) => ({ authorization: `Bearer ${c.token}` });
  return {
    async enroll(hqUrl: string, body: EnrollRequest): Promise<EnrollResponse> {
      const res = await request(fetchImpl, hqUrl + HQ_PATHS.enroll, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status === 404) throw new HqRequestError('refused', 'Not an Otklik HQ at this address', 404);
      return json(res, enrollResponseSchema);
    },
    async push(c: HqConnection, ops: PushOperation[], body?: string): Promise<PushResponse> {
      // A Blob, not the string, as measured (npm run bench:sync, issue 17): a push of 200 registrations
      // (386 KB) waited 14–17 ms longer in Chromium than HQ took to answer it when sent as a string,
      // 6–11 ms as a Blob. `body`: the same ops already serialized (shared/sync/push-body).
      const blob = new Blob([body ?? JSON.stringify({ ops })], { type: 'application/json' });
      const res = await request(fetchImpl, c.hqUrl + HQ_PATHS.push, {
        method: 'POST',
        headers: { ...auth(c), 'content-type': 'application/json' },
        body: blob,
        // Up to MAX_PUSH_CHARS of JSON: time for its size at a slow branch link, as for a photo.
        timeoutMs: transferTimeoutMs(blob.size),
      });
      if (res.status === 404) throw new HqRequestError('refused', 'Not an Otklik HQ at this address', 404);
      return json(res, pushResponseSchema);
    },
    async pull(c: HqConnection, cursor: number): Promise<PullResponse> {
      const res = await request(fetchImpl, `${c.hqUrl}${HQ_PATHS.pull}?cursor=${cursor}`, {
        headers: auth(c),
      });
      if (res.status === 404) throw new HqRequestError('refused', 'Not an Otklik HQ at this address', 404);
      return json(res, pullResponseSchema);
    },
    /**
     * true when HQ already holds this branch's copy of the bytes at `path` (a photo's or an attached file's
     * address, HQ_PATHS.photo / HQ_PATHS.attachment).
     */
    async hasBlob(c: HqConnection, path: string): Promise<boolean> {
      const res = await request(fetchImpl, c.hqUrl + path, {
        method: 'HEAD',
        headers: auth(c),
      });
      return res.status === 200;
    },
    /**
     * Issue 15 (R3): the bytes at `path` for this device's branch (a file attached on another PC of the
     * branch); undefined when HQ has none for the branch (not arrived yet, or not the branch's).
     */
    async getBlob(c: HqConnection, path: string, timeoutMs: number): Promise<Blob | undefined> {
      const res = await request(fetchImpl, c.hqUrl + path, { headers: auth(c), timeoutMs });
      if (res.status === 404) return undefined;
      try {
        return await res.blob();
      } catch (error) {
        throw new HqRequestError('unreachable', String((error as Error).message ?? error));
      }
    },
    async putBlob(c: HqConnection, path: string, blob: Blob, timeoutMs: number): Promise<void> {
      const res = await request(fetchImpl, c.hqUrl + path, {
        method: 'PUT',
        headers: { ...auth(c), 'content-type': 'application/octet-stream' },
        body: blob,
        timeoutMs,
      });
      if (res.status === 404) throw new HqRequestError('refused', 'Not an Otklik HQ at this address', 404);
    },
  };
}

export type HqClient = ReturnType<typeof createHqClient>;

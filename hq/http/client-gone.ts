import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Whether an error only means the client is gone — it hung up mid-upload, or HQ cut it off and has
 * answered already. That is the client's business, not a server error: one line in the log, no 500 and no
 * stack trace (issue 13). Told by the connection's state, not by the error: a database connection reset is
 * an ECONNRESET too, and that one is HQ's.
 */
export function clientWentAway(_error: Error, request: FastifyRequest, reply: FastifyReply): boolean {
  const gone = reply.sent || request.raw.socket?.destroyed === true;
  if (gone) console.log(`[hq] client closed the connection: ${request.method} ${request.url}`);
  return gone;
}

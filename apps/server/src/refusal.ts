import type { FastifyReply } from 'fastify';

/**
 * How the hardening hooks (input limits, the request limiter, database faults outside a
 * procedure) answer: the `{ message, code }` body the REST routes use, and a Retry-After
 * header when waiting helps. One function, so all of them can move to another writer at once.
 */
export function sendRefusal(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  retryAfterSeconds?: number,
): FastifyReply {
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  return reply.code(status).send({ message, code });
}

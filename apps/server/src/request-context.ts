import {
  type ApiSettings,
  type Context,
  createContextInner,
  knownFailure,
  sessionsFor,
  toTRPCError,
} from '@carhub/api';
import type { Database } from '@carhub/db';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Reads the caller's credentials off the request: `Authorization: Bearer` (SDK, REST) wins;
 * otherwise the session cookie (browsers). Used by /trpc, /api and the plain routes alike.
 */
export function readCredentials(db: Database, req: FastifyRequest): { token: string | null; via: 'bearer' | 'cookie' } {
  const sessions = sessionsFor(db);
  if (req.headers.authorization) return { token: sessions.readBearer(req.headers.authorization), via: 'bearer' };
  return { token: sessions.readCookie(req.headers.cookie), via: 'cookie' };
}

/**
 * Validating the session is the first query of every call: a database that is away answers a
 * 503 with Retry-After here (as a tRPC error, which every transport maps), not a 500.
 */
export async function createRequestContext(
  db: Database,
  req: FastifyRequest,
  reply: FastifyReply,
  settings?: ApiSettings,
): Promise<Context> {
  try {
    return await buildContext(db, req, reply, settings);
  } catch (error) {
    const known = knownFailure(error);
    throw known ? toTRPCError(known) : error;
  }
}

function buildContext(
  db: Database,
  req: FastifyRequest,
  reply: FastifyReply,
  settings?: ApiSettings,
): Promise<Context> {
  const { token, via } = readCredentials(db, req);
  const sessions = sessionsFor(db);
  return createContextInner({
    db,
    token,
    via,
    apiKey: singleHeader(req.headers['x-api-key']),
    idempotencyKey: singleHeader(req.headers['idempotency-key']),
    calls: trpcCallCount(req.url),
    ip: req.ip,
    userAgent: req.headers['user-agent']?.slice(0, 500) ?? null,
    requestId: req.id,
    ...(settings ? { settings } : {}),
    // Decorated by registerMedia and createServer on the root instance, so every route sees them.
    storage: req.server.storage,
    uploadMaxBytes: req.server.config.uploadMaxBytes,
    cookies: {
      setSession: (value) => void reply.header('set-cookie', sessions.cookie(value)),
      clearSession: () => void reply.header('set-cookie', sessions.blankCookie()),
    },
  });
}

function singleHeader(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** A tRPC batch (`/trpc/a,b,c?batch=1`) carries one call per path; anything else is one. */
function trpcCallCount(url: string): number {
  if (!url.startsWith('/trpc/')) return 1;
  const path = url.slice('/trpc/'.length).split('?')[0] ?? '';
  return path.split(',').length;
}

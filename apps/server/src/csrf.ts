import { SESSION_COOKIE } from '@carhub/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendRefusal } from './error-reply';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function requestOrigin(req: FastifyRequest): string | null {
  const origin = req.headers.origin;
  if (origin && origin !== 'null') return origin;
  const referer = req.headers.referer;
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

/**
 * A state-changing request that only the session cookie authenticates must come from our
 * own origin (or a configured CORS origin): a browser sends the cookie on cross-site POSTs
 * too. Bearer callers are unaffected: no other site can make a browser send that header.
 * A hook on the whole app, so /trpc, /api and every plain route are covered.
 */
export function registerCsrfGuard(app: FastifyInstance, allowedOrigins: string[]): void {
  const allowed = new Set(allowedOrigins);
  const cookiePrefix = `${SESSION_COOKIE}=`;
  app.addHook('onRequest', async (req, reply) => {
    if (SAFE_METHODS.has(req.method) || req.headers.authorization) return;
    const cookie = req.headers.cookie;
    if (!cookie?.split(';').some((part) => part.trim().startsWith(cookiePrefix))) return;
    const origin = requestOrigin(req);
    if (origin && (origin === `${req.protocol}://${req.host}` || allowed.has(origin))) return;
    return sendRefusal(
      req,
      reply,
      'FORBIDDEN',
      'Cross-site request refused: a cookie-authenticated change must come from this site.',
    );
  });
}

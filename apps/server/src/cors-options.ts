import type { FastifyCorsOptions } from '@fastify/cors';

/** Every method a REST operation uses (HEAD comes with GET). */
export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The request headers the server reads; x-api-key is for API-key callers. */
export const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'x-request-id', 'x-api-key'];

/** Response headers a page on another origin may read beyond the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = ['retry-after', 'x-request-id', 'content-disposition'];

/**
 * CORS for the origins in CORS_ORIGINS, with credentials for the cookie session. Any other
 * origin gets no CORS header at all (not even Allow-Credentials), so its browser blocks the
 * read and refuses to send a preflighted request.
 */
export function corsOptions(origins: readonly string[]): FastifyCorsOptions {
  const allowed = new Set(origins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
    credentials: true,
    methods: CORS_METHODS,
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    // A day: browsers cap it lower anyway (Chromium at two hours).
    maxAge: 86_400,
  };
}

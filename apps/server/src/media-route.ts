import { isValidObjectKey, LocalStorage, MEDIA_PATH_PREFIX, type Storage } from '@carhub/api';
import type { FastifyInstance } from 'fastify';
import { sendRestError } from './error-reply';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where photo bytes live; procedures get it through their context. */
    storage: Storage;
  }
}

/**
 * Makes `storage` available on the app, closes it with the app, and, for the local driver,
 * serves its signed URLs at `GET /media/<key>?exp=&sig=`. (S3 URLs point at the bucket.)
 */
export function registerMedia(app: FastifyInstance, storage: Storage): void {
  app.decorate('storage', storage);
  app.addHook('onClose', () => storage.close());
  if (storage instanceof LocalStorage) serveLocalMedia(app, storage);
}

interface MediaRequest {
  Params: { '*': string };
  Querystring: { exp?: string; sig?: string };
}

function serveLocalMedia(app: FastifyInstance, storage: LocalStorage): void {
  app.get<MediaRequest>(`${MEDIA_PATH_PREFIX}*`, async (request, reply) => {
    // fastify has percent-decoded the wildcard, so `..%2f` arrives as `../` and is refused here.
    const key = request.params['*'];
    const { exp, sig } = request.query;
    const check = storage.checkUrl(key, asString(exp), asString(sig));
    if (!check.ok) {
      return sendRestError(reply, 'FORBIDDEN', 'This media link is invalid or has expired.');
    }
    // A key that can't be valid was never signed by url(), so this is belt and braces.
    if (!isValidObjectKey(key)) return sendRestError(reply, 'NOT_FOUND', 'There is no such media file.');
    const object = await storage.get(key);
    if (!object) return sendRestError(reply, 'NOT_FOUND', 'There is no such media file.');

    const maxAge = Math.max(0, check.expiresAt - Math.floor(Date.now() / 1000));
    reply
      .header('content-type', object.contentType)
      .header('cache-control', `private, max-age=${maxAge}`)
      .header('x-content-type-options', 'nosniff')
      // The signature is the access check, so a frontend on another origin may show the image
      // (helmet's default same-origin policy would block its <img>).
      .header('cross-origin-resource-policy', 'cross-origin');
    if (object.size !== undefined) reply.header('content-length', object.size);
    return reply.send(object.body);
  });
}

/** A repeated query parameter arrives as an array: treat it as no value at all. */
function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

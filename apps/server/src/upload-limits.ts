import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendRefusal } from './error-reply';

/**
 * Room for what a multipart body carries besides the file: boundaries, part headers and the
 * small fields (carId, altText). The file itself is held to UPLOAD_MAX_BYTES exactly, after
 * it is read; this only bounds the body before a byte of it is read.
 */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The largest multipart body an upload route reads. */
export function uploadBodyLimit(uploadMaxBytes: number): number {
  return uploadMaxBytes + MULTIPART_OVERHEAD_BYTES;
}

/** The tRPC procedures that take a file in a FormData; every other multipart body keeps the JSON limit. */
const TRPC_UPLOAD_PATHS = new Set(['cars.photos.add', 'inventory.import']);
const TRPC_ROUTE = '/trpc/:path';

function isMultipart(req: FastifyRequest): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
}

/** The declared body size, or null when the client sent none (chunked). */
export function declaredLength(req: FastifyRequest): number | null {
  const header = req.headers['content-length'];
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : null;
}

export function tooLargeMessage(declared: number, limit: number): string {
  return `The request is too large: ${declared} bytes; the limit is ${limit} bytes (for a photo, the file plus ${MULTIPART_OVERHEAD_BYTES} bytes of form).`;
}

/**
 * Multipart bodies to /trpc: fastify's bodyLimit does not hold them (the tRPC adapter takes
 * them as a stream), so without this a FormData of any size would be read. The upload
 * procedure may have uploadBodyLimit; any other path the JSON limit. A declared size above it
 * is refused here, before the body is read; a chunked body is cut off at the adapter's
 * maxBodySize (create-server.ts), and the file's own size is checked again in the procedure.
 */
export function registerTrpcUploadLimit(
  app: FastifyInstance,
  limits: { bodyLimitBytes: number; uploadMaxBytes: number },
): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.url !== TRPC_ROUTE || !isMultipart(req)) return;
    const path = (req.params as { path?: string }).path;
    const limit =
      path !== undefined && TRPC_UPLOAD_PATHS.has(path)
        ? uploadBodyLimit(limits.uploadMaxBytes)
        : limits.bodyLimitBytes;
    const declared = declaredLength(req);
    if (declared !== null && declared > limit) return refuseTooLarge(req, reply, tooLargeMessage(declared, limit));
  });
}

/**
 * After a 413 the rest of an oversized body is read and thrown away, up to this much, so the
 * client (Node's fetch, a browser) finishes sending and reads the answer instead of meeting a
 * reset connection; beyond it, or after DRAIN_TIMEOUT_MS, the connection is cut.
 */
export const DRAIN_CAP_BYTES = 64 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 30_000;

/**
 * A 413 the caller can read: in its transport's error shape, with the rest of the body
 * discarded as it arrives (never held in memory). No `connection: close`: Node's server ends
 * such a socket as soon as the answer is written, resetting a client that is still sending.
 */
export function refuseTooLarge(request: FastifyRequest, reply: FastifyReply, message: string) {
  discardRestOfBody(request);
  return sendRefusal(request, reply, 'PAYLOAD_TOO_LARGE', message);
}

/**
 * Reads what is left of the request body into nothing, so the connection stays in step for
 * the next request; a body past the cap, or still arriving after the timeout, loses its
 * connection instead.
 */
export function discardRestOfBody(request: FastifyRequest): void {
  const raw = request.raw;
  if (raw.complete) return;
  const socket = raw.socket;
  let seen = 0;
  const cut = () => {
    if (!socket.destroyed) socket.destroy();
  };
  const timer = setTimeout(cut, DRAIN_TIMEOUT_MS);
  timer.unref();
  // The payload stream fastify's body reader let go of: count it, keep nothing.
  raw.removeAllListeners('data');
  raw.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_CAP_BYTES) cut();
  });
  raw.once('end', () => clearTimeout(timer));
  raw.once('close', () => clearTimeout(timer));
  raw.resume();
}

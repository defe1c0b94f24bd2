import { appRouter } from '@carhub/api';
import { getErrorShape, TRPCError, transformTRPCResponse } from '@trpc/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

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

/** The one tRPC procedure that takes a FormData; every other multipart body keeps the JSON limit. */
const TRPC_UPLOAD_PATH = 'cars.photos.add';
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
    const limit = path === TRPC_UPLOAD_PATH ? uploadBodyLimit(limits.uploadMaxBytes) : limits.bodyLimitBytes;
    const declared = declaredLength(req);
    if (declared !== null && declared > limit) return sendTrpcTooLarge(reply, path, tooLargeMessage(declared, limit));
  });
}

/** A 413 in tRPC's own error shape, so a tRPC client (and the SDK's isApiError) reads it like any other error. */
function sendTrpcTooLarge(reply: FastifyReply, path: string | undefined, message: string) {
  const config = appRouter._def._config;
  const error = new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message });
  const shape = getErrorShape({ config, error, type: 'mutation', path, input: undefined, ctx: undefined });
  // Nothing more is read: the connection closes, so the rest of the body needn't be drained.
  reply.header('connection', 'close');
  return reply.code(413).send(transformTRPCResponse(config, { error: shape }));
}

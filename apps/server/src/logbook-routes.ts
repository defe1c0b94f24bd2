import { Readable } from 'node:stream';
import { assertCallerMay, createCaller, errorResponses, logbookCsv, openAttachment, serviceOutput } from '@carhub/api';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorBodySchema, sendErrorOf, sendRestError } from './error-reply';
import { isHttpError, type PhotoUploadOptions, readForm } from './photo-upload-route';
import { hasUnknownQuery, refuseUnknownQuery } from './rest-requests';
import { declaredLength, refuseTooLarge, tooLargeMessage, uploadBodyLimit } from './upload-limits';

const ADD = 'cars.services.attachments.add';
const DOWNLOAD = 'cars.services.attachments.get';
const LOGBOOK_CSV = 'cars.logbook.csv';
const FIELD_SIZE_LIMIT = 4096;

interface LogbookParams {
  Params: { carId: string };
}

interface AttachmentParams {
  Params: { carId: string; entryId: string; attachmentId?: string };
}

/**
 * The logbook's plain routes, beside the adapter's JSON ones:
 * - GET /api/cars/:carId/logbook.csv, the whole logbook as CSV (formula-safe like every export);
 * - POST /api/cars/:carId/services/:entryId/attachments, multipart `file`, calls the same
 *   procedure as tRPC (cars.services.attachments.add) with a FormData it builds;
 * - GET .../attachments/:attachmentId downloads one, for whoever may see the car, always as a
 *   download (`content-disposition: attachment`, nosniff, a sandboxing CSP), so a PDF or image
 *   is never rendered in this origin.
 */
export async function logbookRoutes(app: FastifyInstance, options: PhotoUploadOptions): Promise<void> {
  const bodyLimit = uploadBodyLimit(options.uploadMaxBytes);
  await app.register(multipart, {
    limits: { fileSize: options.uploadMaxBytes, files: 1, fields: 4, parts: 5, fieldSize: FIELD_SIZE_LIMIT },
  });

  // The download calls the domain directly, so its refusals arrive as AppErrors: the writer takes both.
  const fail = async (_req: FastifyRequest, reply: FastifyReply, cause: unknown, path: string) => {
    if (isHttpError(cause)) throw cause;
    return sendErrorOf(reply, cause, path);
  };

  app.post<AttachmentParams>(
    '/cars/:carId/services/:entryId/attachments',
    {
      bodyLimit,
      onRequest: async (req, reply) => {
        const declared = declaredLength(req);
        if (declared !== null && declared > bodyLimit)
          return refuseTooLarge(req, reply, tooLargeMessage(declared, bodyLimit));
      },
    },
    async (req, reply) => {
      try {
        const ctx = await options.createContext(req, reply);
        const caller = createCaller(ctx);
        if (!ctx.auth) return await caller.cars.services.attachments.add(new FormData());
        if (!req.isMultipart()) {
          return sendRestError(
            reply,
            'UNSUPPORTED_MEDIA_TYPE',
            'Send the file as multipart/form-data with the field "file".',
            {
              path: ADD,
            },
          );
        }
        const form = await readForm(req);
        form.set('carId', req.params.carId);
        form.set('entryId', req.params.entryId);
        return await caller.cars.services.attachments.add(form);
      } catch (cause) {
        return fail(req, reply, cause, ADD);
      }
    },
  );

  app.get<AttachmentParams>('/cars/:carId/services/:entryId/attachments/:attachmentId', async (req, reply) => {
    if (hasUnknownQuery(req, [])) return refuseUnknownQuery(req, reply, [], DOWNLOAD);
    try {
      const ctx = await options.createContext(req, reply);
      if (!ctx.auth) return sendRestError(reply, 'UNAUTHORIZED', 'Sign in to do this.');
      const ids = z
        .object({
          carId: z.uuid('Not a car id.'),
          entryId: z.uuid('Not a service record id.'),
          attachmentId: z.uuid('Not an attachment id.'),
        })
        .safeParse(req.params);
      assertCallerMay(ctx, DOWNLOAD, 'query');
      if (!ids.success) return sendRestError(reply, 'NOT_FOUND', 'No such attachment.');
      const { carId, entryId, attachmentId } = ids.data;
      const file = await openAttachment(ctx.db, ctx.storage, ctx.auth.user, {
        carId,
        serviceId: entryId,
        attachmentId,
      });
      reply
        .header('content-type', file.contentType)
        .header('content-length', file.size)
        .header(
          'content-disposition',
          `attachment; filename="${asciiName(file.name)}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('cache-control', 'private, no-store');
      return reply.send(file.object.body);
    } catch (cause) {
      return fail(req, reply, cause, DOWNLOAD);
    }
  });

  app.get<LogbookParams>('/cars/:carId/logbook.csv', async (req, reply) => {
    // It takes no query parameters: one is a mistake to name, as on every REST GET.
    if (hasUnknownQuery(req, [])) return refuseUnknownQuery(req, reply, [], LOGBOOK_CSV);
    try {
      const ctx = await options.createContext(req, reply);
      if (!ctx.auth) return sendRestError(reply, 'UNAUTHORIZED', 'Sign in to do this.');
      const carId = z.uuid().safeParse(req.params.carId);
      assertCallerMay(ctx, LOGBOOK_CSV, 'query');
      if (!carId.success) return sendRestError(reply, 'NOT_FOUND', 'No such car.');
      const lines = await logbookCsv(ctx.db, ctx.auth.user, carId.data);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="logbook-${carId.data}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(lines));
    } catch (cause) {
      return fail(req, reply, cause, LOGBOOK_CSV);
    }
  });
}

/** The plain-ASCII fallback name of a download (quotes and non-ASCII characters replaced). */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\]/g, '_');
}

/** The routes in /openapi.json. */
export function logbookOpenApiPaths(): ZodOpenApiPathsObject {
  const errors = (...statuses: Parameters<typeof errorResponses>) =>
    Object.fromEntries(
      Object.entries(errorResponses(...statuses)).map(([status, description]) => [
        status,
        { description, content: { 'application/json': { schema: errorBodySchema } } },
      ]),
    );
  const params = z.object({ carId: z.uuid(), entryId: z.uuid() });
  return {
    '/cars/{carId}/logbook.csv': {
      get: {
        operationId: LOGBOOK_CSV.replaceAll('.', '-'),
        summary: "A car's logbook as CSV (odometer readings, fill-ups, services; oldest first)",
        tags: ['cars'],
        security: [{ Authorization: [] }, { ApiKey: [] }, { SessionCookie: [] }],
        requestParams: { path: z.object({ carId: z.uuid() }) },
        responses: {
          200: {
            description: 'RFC 4180 CSV; cells that a spreadsheet would read as a formula start with a single quote',
            content: { 'text/csv': { schema: z.string() } },
          },
          ...errors(401, 403, 404),
        },
      },
    },
    '/cars/{carId}/services/{entryId}/attachments': {
      post: {
        operationId: ADD.replaceAll('.', '-'),
        summary: 'Attach a receipt or photo to a service record (multipart/form-data, field `file`)',
        description:
          'PDF, JPEG, PNG or WebP, judged by its bytes, up to UPLOAD_MAX_BYTES. Images are re-encoded without ' +
          'metadata (EXIF, GPS); PDFs are stored as they are. Answers the service record.',
        tags: ['cars'],
        security: [{ Authorization: [] }, { ApiKey: [] }, { SessionCookie: [] }],
        requestParams: { path: params },
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({ file: z.file().meta({ description: 'A PDF, JPEG, PNG or WebP' }) }),
            },
          },
        },
        responses: {
          200: { description: 'The service record', content: { 'application/json': { schema: serviceOutput } } },
          ...errors(401, 403, 404, 413, 415),
        },
      },
    },
    // `{id}`, as the adapter names the car in the same path's DELETE (cars.services.attachments.remove): one path item.
    '/cars/{id}/services/{entryId}/attachments/{attachmentId}': {
      get: {
        operationId: DOWNLOAD.replaceAll('.', '-'),
        summary: 'Download an attachment (always as a download, never shown inline)',
        tags: ['cars'],
        security: [{ Authorization: [] }, { ApiKey: [] }, { SessionCookie: [] }],
        requestParams: { path: z.object({ id: z.uuid(), entryId: z.uuid(), attachmentId: z.uuid() }) },
        responses: {
          200: {
            description: 'The file',
            content: {
              'application/pdf': { schema: z.string().meta({ format: 'binary' }) },
              'image/webp': { schema: z.string().meta({ format: 'binary' }) },
            },
          },
          ...errors(401, 403, 404),
        },
      },
    },
  };
}

import { createCaller, errorResponses, importStockOutput } from '@carhub/api';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorBodySchema, sendErrorOf, sendRestError } from './error-reply';
import { isHttpError, type PhotoUploadOptions, readForm } from './photo-upload-route';
import { declaredLength, refuseTooLarge, tooLargeMessage, uploadBodyLimit } from './upload-limits';

const PROCEDURE = 'inventory.import';

/**
 * POST /api/inventory/import, multipart/form-data with `file` (the CSV) and optionally `dryRun`.
 * Like the photo upload: the parts become the FormData inventory.import takes over tRPC, and
 * that same procedure runs. Registered under the REST prefix; the app-wide CSRF hook covers it.
 */
export async function stockImportRoute(app: FastifyInstance, options: PhotoUploadOptions): Promise<void> {
  const bodyLimit = uploadBodyLimit(options.uploadMaxBytes);
  await app.register(multipart, {
    limits: { fileSize: options.uploadMaxBytes, files: 1, fields: 2, parts: 3, fieldSize: 16 },
  });

  app.post(
    '/inventory/import',
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
        // Signed out or a client: the procedure's gate answers before any body is read.
        if (!ctx.auth || ctx.auth.user.role === 'client') return await caller.inventory.import(new FormData());
        if (!req.isMultipart()) {
          return sendRestError(
            reply,
            'UNSUPPORTED_MEDIA_TYPE',
            'Send the CSV as multipart/form-data with the field "file".',
            {
              path: PROCEDURE,
            },
          );
        }
        return await caller.inventory.import(await readForm(req));
      } catch (cause) {
        if (isHttpError(cause)) throw cause;
        return sendErrorOf(reply, cause, PROCEDURE);
      }
    },
  );
}

/** The route in /openapi.json, beside what the adapter generates. */
export function stockImportOpenApiPaths(): ZodOpenApiPathsObject {
  const errors = Object.entries(errorResponses(401, 403, 409, 413, 415)).map(([status, description]) => [
    status,
    { description, content: { 'application/json': { schema: errorBodySchema } } },
  ]);
  return {
    '/inventory/import': {
      post: {
        operationId: PROCEDURE.replaceAll('.', '-'),
        summary: 'Add stock cars from a CSV file (multipart/form-data, field `file`)',
        description:
          'The columns cars.csv exports, a header row first (an unknown column is refused by name; id, createdAt and ' +
          'updatedAt are ignored, ownerId must be empty), at most 5,000 rows and UPLOAD_MAX_BYTES. With dryRun=true ' +
          'answers every row error (row, column, message) and the cars it would add, writing nothing; otherwise a file ' +
          'with any row error adds nothing (400), and a clean one is added whole, in one transaction, audited.',
        tags: ['inventory'],
        security: [{ Authorization: [] }, { ApiKey: [] }],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z.file().meta({ description: 'The CSV file (UTF-8)' }),
                dryRun: z.enum(['true', 'false']).optional().meta({ description: '"true" to only check the file' }),
              }),
            },
          },
        },
        responses: {
          200: {
            description: 'The row errors, the cars (to be) added and the new ids',
            content: { 'application/json': { schema: importStockOutput } },
          },
          ...Object.fromEntries(errors),
        },
      },
    },
  };
}

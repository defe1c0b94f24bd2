import {
  AppError,
  type Context,
  carOutput,
  createCaller,
  errorResponses,
  idempotencyKeyHeaders,
  toTRPCError,
} from '@carhub/api';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorBodySchema, sendErrorOf, sendRestError } from './error-reply';
import { declaredLength, refuseTooLarge, tooLargeMessage, uploadBodyLimit } from './upload-limits';

const PROCEDURE = 'cars.photos.add';
// Form fields besides the file are short (a car id, an alt text of at most 300 characters).
const FIELD_SIZE_LIMIT = 4096;

export interface PhotoUploadOptions {
  /** The same context /trpc and /api build, from the same credentials. */
  createContext(req: FastifyRequest, reply: FastifyReply): Promise<Context>;
  uploadMaxBytes: number;
}

interface UploadRequest {
  Params: { carId: string };
}

/**
 * POST /api/cars/:carId/photos, multipart/form-data with `file` (and optionally `altText`).
 * The OpenAPI adapter only takes JSON, so this plain route reads the parts, builds the FormData
 * cars.photos.add takes over tRPC and calls that same procedure: one set of rules, two transports.
 * Register it under the REST prefix; the app-wide CSRF hook (csrf.ts) covers it like any POST.
 */
export async function photoUploadRoute(app: FastifyInstance, options: PhotoUploadOptions): Promise<void> {
  const bodyLimit = uploadBodyLimit(options.uploadMaxBytes);
  // In this plugin's scope only: the rest of /api keeps fastify's JSON parsing.
  await app.register(multipart, {
    limits: { fileSize: options.uploadMaxBytes, files: 1, fields: 4, parts: 5, fieldSize: FIELD_SIZE_LIMIT },
  });

  app.post<UploadRequest>(
    '/cars/:carId/photos',
    {
      bodyLimit,
      // Before a byte of the body is read: a declared size above the limit never gets in.
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
        // Signed out: the procedure refuses before it looks at its input, so ask it with an empty
        // form rather than reading an upload nobody may make.
        if (!ctx.auth) return await caller.cars.photos.add(new FormData());
        if (!req.isMultipart()) {
          return sendRestError(
            reply,
            'UNSUPPORTED_MEDIA_TYPE',
            'Send the photo as multipart/form-data with the field "file".',
            {
              path: PROCEDURE,
            },
          );
        }
        const form = await readForm(req);
        // The car comes from the path; a carId field in the body can't point elsewhere.
        form.set('carId', req.params.carId);
        return await caller.cars.photos.add(form);
      } catch (cause) {
        // Errors of the multipart reader (a file over fileSize is 413) have a statusCode of
        // their own: the REST error handler shapes those.
        if (isHttpError(cause)) throw cause;
        return sendErrorOf(reply, cause, PROCEDURE);
      }
    },
  );
}

/**
 * Every part as a FormData entry. The reader's own limits (413) keep their status; anything
 * else it throws is a body that is not well-formed multipart: a 400, not a 500.
 */
export async function readForm(req: FastifyRequest): Promise<FormData> {
  try {
    return await readParts(req);
  } catch (error) {
    if (isHttpError(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw toTRPCError(new AppError('BAD_REQUEST', `Malformed multipart/form-data body: ${detail}`, { cause: error }));
  }
}

/** Files as File objects with the name and type the client gave. */
async function readParts(req: FastifyRequest): Promise<FormData> {
  const form = new FormData();
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      // Throws the reader's 413 as soon as the file passes fileSize.
      const bytes = await part.toBuffer();
      form.append(part.fieldname, new File([bytes], part.filename || 'upload', { type: part.mimetype }));
    } else {
      form.append(part.fieldname, String(part.value));
    }
  }
  return form;
}

export function isHttpError(error: unknown): error is Error & { statusCode: number } {
  return error instanceof Error && typeof (error as { statusCode?: unknown }).statusCode === 'number';
}

/** The route in /openapi.json (generateOpenApiDocument's `paths`), next to what the adapter generates. */
export function photoUploadOpenApiPaths(): ZodOpenApiPathsObject {
  const errors = Object.entries(errorResponses(401, 403, 404, 409, 413, 415)).map(([status, description]) => [
    status,
    { description, content: { 'application/json': { schema: errorBodySchema } } },
  ]);
  return {
    '/cars/{carId}/photos': {
      post: {
        operationId: PROCEDURE.replaceAll('.', '-'),
        summary: 'Add a photo to a car (multipart/form-data, field `file`)',
        description:
          'JPEG, PNG or WebP, judged by its bytes, up to UPLOAD_MAX_BYTES. Stored without metadata (EXIF, GPS), ' +
          'turned upright, with a thumbnail; the first photo of a car becomes its primary one. Answers the car.',
        tags: ['cars'],
        security: [{ Authorization: [] }, { ApiKey: [] }],
        requestParams: { path: z.object({ carId: z.uuid() }), header: idempotencyKeyHeaders },
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z.file().meta({ description: 'The photo: JPEG, PNG or WebP' }),
                altText: z.string().max(300).optional().meta({ description: 'What the photo shows' }),
              }),
            },
          },
        },
        responses: {
          200: { description: 'The car with its photos', content: { 'application/json': { schema: carOutput } } },
          ...Object.fromEntries(errors),
        },
      },
    },
  };
}

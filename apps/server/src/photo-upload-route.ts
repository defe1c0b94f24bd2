import { appRouter, type Context, carOutput, createCaller, errorResponses } from '@carhub/api';
import multipart from '@fastify/multipart';
import { getErrorShape, getTRPCErrorFromUnknown, type TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError, z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { declaredLength, tooLargeMessage, uploadBodyLimit } from './upload-limits';

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
        if (declared !== null && declared > bodyLimit) {
          reply.header('connection', 'close');
          return reply.code(413).send({ message: tooLargeMessage(declared, bodyLimit), code: 'PAYLOAD_TOO_LARGE' });
        }
      },
    },
    async (req, reply) => {
      const ctx = await options.createContext(req, reply);
      const caller = createCaller(ctx);
      try {
        // Signed out: the procedure refuses before it looks at its input, so ask it with an empty
        // form rather than reading an upload nobody may make.
        if (!ctx.auth) return await caller.cars.photos.add(new FormData());
        if (!req.isMultipart()) {
          return reply.code(415).send({
            message: 'Send the photo as multipart/form-data with the field "file".',
            code: 'UNSUPPORTED_MEDIA_TYPE',
          });
        }
        const form = await readForm(req);
        // The car comes from the path; a carId field in the body can't point elsewhere.
        form.set('carId', req.params.carId);
        return await caller.cars.photos.add(form);
      } catch (cause) {
        // Errors of the multipart reader (a file over fileSize is 413) have a statusCode of
        // their own: the REST error handler shapes those.
        if (isHttpError(cause)) throw cause;
        const error = getTRPCErrorFromUnknown(cause);
        const status = getHTTPStatusCodeFromError(error);
        if (status >= 500) req.log.error({ err: error.cause ?? error, path: PROCEDURE }, 'procedure failed');
        return reply.code(status).send(restErrorBody(error, ctx));
      }
    },
  );
}

/** Every part as a FormData entry, files as File objects with the name and type the client gave. */
export async function readForm(req: FastifyRequest): Promise<FormData> {
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

/** The body the OpenAPI adapter sends for a failed procedure, so /api answers in one shape. */
export function restErrorBody(error: TRPCError, ctx: Context, path: string = PROCEDURE) {
  const shape = getErrorShape({
    config: appRouter._def._config,
    error,
    type: 'mutation',
    path,
    input: undefined,
    ctx,
  });
  const invalidInput = error.code === 'BAD_REQUEST' && error.cause instanceof ZodError;
  return {
    ...shape,
    message: invalidInput ? 'Input validation failed' : shape.message,
    code: error.code,
    issues: invalidInput && error.cause instanceof ZodError ? error.cause.issues : undefined,
  };
}

export const restError = z.object({
  message: z.string(),
  code: z.string(),
  issues: z.array(z.object({ message: z.string() })).optional(),
});

/** The route in /openapi.json (generateOpenApiDocument's `paths`), next to what the adapter generates. */
export function photoUploadOpenApiPaths(): ZodOpenApiPathsObject {
  const errors = Object.entries(errorResponses(401, 403, 404, 413, 415)).map(([status, description]) => [
    status,
    { description, content: { 'application/json': { schema: restError } } },
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
        security: [{ Authorization: [] }],
        requestParams: { path: z.object({ carId: z.uuid() }) },
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

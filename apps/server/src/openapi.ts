import type { AnyRouter } from '@trpc/server';
import type { FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { FastifyError, FastifyInstance } from 'fastify';
import {
  fastifyTRPCOpenApiPlugin,
  generateOpenApiDocument,
  HTTP_STATUS_TRPC_ERROR_CODE,
  type OpenAPIObject,
  type OpenApiRouter,
} from 'trpc-to-openapi';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import packageJson from '../package.json' with { type: 'json' };
import { apiDocs } from './api-docs';
import { calendarFeedPaths } from './calendar-route';
import { logbookOpenApiPaths, logbookRoutes } from './logbook-routes';
import { type PhotoUploadOptions, photoUploadOpenApiPaths, photoUploadRoute } from './photo-upload-route';

export const REST_PREFIX = '/api';
export const DOCS_PREFIX = '/docs';

/** `paths`: routes outside the adapter (the multipart upload, the exports), documented beside the generated ones and the calendar feed. */
export function buildOpenApiDocument(router: OpenApiRouter, paths?: ZodOpenApiPathsObject): OpenAPIObject {
  return generateOpenApiDocument(router, {
    title: 'carhub API',
    version: packageJson.version,
    baseUrl: REST_PREFIX,
    docsUrl: DOCS_PREFIX,
    // Plain routes the adapter doesn't describe: the calendar feed, and what the caller adds.
    paths: { ...calendarFeedPaths, ...paths },
    securitySchemes: {
      Authorization: { type: 'http', scheme: 'bearer', description: 'A session token from `POST /api/auth/login`' },
    },
  });
}

/** The same options the /trpc plugin takes, so both transports share one router, context and hooks. */
export type OpenApiOptions<TRouter extends AnyRouter> = Pick<
  FastifyTRPCPluginOptions<TRouter>['trpcOptions'],
  'router' | 'createContext' | 'onError' | 'responseMeta'
> & {
  /** Serves and documents POST /api/cars/{carId}/photos (the real server always does). */
  photoUpload?: PhotoUploadOptions;
  /** Plain routes registered elsewhere (exports), documented here. */
  paths?: ZodOpenApiPathsObject;
};

/**
 * Every procedure as REST under /api, the OpenAPI document at /openapi.json, and an API
 * reference at /docs whose assets come from this server (no CDN, so helmet's CSP holds).
 */
export async function openApi<TRouter extends AnyRouter>(app: FastifyInstance, options: OpenApiOptions<TRouter>) {
  const document = buildOpenApiDocument(options.router, {
    ...(options.photoUpload ? photoUploadOpenApiPaths() : {}),
    ...(options.photoUpload ? logbookOpenApiPaths() : {}),
    ...options.paths,
  });

  await app.register(
    async (rest) => {
      // Errors fastify raises before the adapter runs (unparsable or oversized body, unknown
      // content type) get the adapter's shape, so a REST client parses one kind of error.
      rest.setErrorHandler((error: FastifyError, request, reply) => {
        const status = error.statusCode ?? 500;
        if (status < 400 || status >= 500) {
          request.log.error({ err: error }, 'REST request failed');
          return reply.code(500).send({ message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' });
        }
        return reply
          .code(status)
          .send({ message: error.message, code: HTTP_STATUS_TRPC_ERROR_CODE[status] ?? 'BAD_REQUEST' });
      });
      // The adapter's wildcard covers GET, POST, PATCH, PUT and DELETE below /api/; this catches the rest.
      rest.setNotFoundHandler((_request, reply) => reply.code(404).send({ message: 'Not found', code: 'NOT_FOUND' }));
      // In this scope so its errors get the handler above; its route wins over the adapter's wildcard.
      if (options.photoUpload) await rest.register(photoUploadRoute, options.photoUpload);
      if (options.photoUpload) await rest.register(logbookRoutes, options.photoUpload);
      await rest.register(fastifyTRPCOpenApiPlugin, {
        router: options.router,
        createContext: options.createContext,
        onError: options.onError,
        responseMeta: options.responseMeta,
      });
    },
    { prefix: REST_PREFIX },
  );

  app.get('/openapi.json', async () => document);

  await app.register(apiDocs, { prefix: DOCS_PREFIX, documentUrl: '/openapi.json' });
}

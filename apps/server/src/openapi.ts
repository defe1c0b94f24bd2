import { nameOpenApiSchemas } from '@carhub/api';
import type { AnyRouter } from '@trpc/server';
import type { FastifyInstance } from 'fastify';
import { generateOpenApiDocument, type OpenAPIObject, type OpenApiRouter } from 'trpc-to-openapi';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import packageJson from '../package.json' with { type: 'json' };
import { apiDocs } from './api-docs';
import { calendarFeedPaths } from './calendar-route';
import { errorBodySchema } from './error-reply';
import { logbookOpenApiPaths, logbookRoutes } from './logbook-routes';
import { finishDocument, markInstants, securitySchemes } from './openapi-document';
import { type PhotoUploadOptions, photoUploadOpenApiPaths, photoUploadRoute } from './photo-upload-route';
import { type RestAdapterOptions, restAdapter } from './rest-adapter';
import { restOperations, restRequestRules } from './rest-requests';
import { stockImportOpenApiPaths, stockImportRoute } from './stock-import-route';

export const REST_PREFIX = '/api';
export const DOCS_PREFIX = '/docs';

/** `paths`: routes outside the adapter (the multipart upload, the exports), documented beside the generated ones and the calendar feed. */
export function buildOpenApiDocument(router: OpenApiRouter, paths?: ZodOpenApiPathsObject): OpenAPIObject {
  nameOpenApiSchemas();
  markInstants(router);
  const document = generateOpenApiDocument(router, {
    title: 'carhub API',
    version: packageJson.version,
    description:
      'Cars, bookings, sales and administration over REST. Every error answer has the body `Error`; ' +
      'a call whose input needs no body field may be sent without a body.',
    baseUrl: REST_PREFIX,
    docsUrl: DOCS_PREFIX,
    // Plain routes the adapter doesn't describe: the calendar feed, and what the caller adds.
    paths: { ...calendarFeedPaths, ...paths },
    securitySchemes: { Authorization: securitySchemes.Authorization, ApiKey: securitySchemes.ApiKey },
    defs: { Error: errorBodySchema },
  });
  return finishDocument(document, router);
}

/** The router and the hooks both transports share (the /trpc plugin takes the same context, onError and responseMeta). */
export interface OpenApiOptions<TRouter extends AnyRouter> extends Omit<RestAdapterOptions, 'router' | 'operations'> {
  router: TRouter;
  /** Serves and documents POST /api/cars/{carId}/photos (the real server always does). */
  photoUpload?: PhotoUploadOptions;
  /** Plain routes registered elsewhere (exports), documented here. */
  paths?: ZodOpenApiPathsObject;
}

/**
 * Every procedure as REST under /api, the OpenAPI document at /openapi.json, and an API
 * reference at /docs whose assets come from this server (no CDN, so helmet's CSP holds).
 */
export async function openApi<TRouter extends AnyRouter>(app: FastifyInstance, options: OpenApiOptions<TRouter>) {
  // What is left is the adapter's own options (router, context and hooks), keys unset stay unset.
  const { photoUpload, paths, ...adapterOptions } = options;
  const document = buildOpenApiDocument(options.router, {
    ...(photoUpload ? photoUploadOpenApiPaths() : {}),
    ...(photoUpload ? logbookOpenApiPaths() : {}),
    ...(photoUpload ? stockImportOpenApiPaths() : {}),
    ...paths,
  });

  const operations = restOperations(options.router);
  await app.register(
    async (rest) => {
      // Body-less calls, strict query strings and gates before a 415.
      await restRequestRules(rest, { operations, createContext: options.createContext });
      // Registered first, so their routes win over the adapter's.
      if (photoUpload) await rest.register(photoUploadRoute, photoUpload);
      if (photoUpload) await rest.register(logbookRoutes, photoUpload);
      if (photoUpload) await rest.register(stockImportRoute, photoUpload);
      await restAdapter(rest, { ...adapterOptions, operations });
    },
    { prefix: REST_PREFIX },
  );

  app.get('/openapi.json', async () => document);

  await app.register(apiDocs, { prefix: DOCS_PREFIX, documentUrl: '/openapi.json' });
}

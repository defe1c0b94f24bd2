import { nameOpenApiSchemas } from '@carhub/api';
import type { AnyRouter } from '@trpc/server';
import type { FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { FastifyInstance } from 'fastify';
import {
  fastifyTRPCOpenApiPlugin,
  generateOpenApiDocument,
  type OpenAPIObject,
  type OpenApiRouter,
} from 'trpc-to-openapi';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import packageJson from '../package.json' with { type: 'json' };
import { apiDocs } from './api-docs';
import { calendarFeedPaths } from './calendar-route';
import { errorBodySchema } from './error-reply';
import { logbookOpenApiPaths, logbookRoutes } from './logbook-routes';
import { finishDocument, markInstants, securitySchemes } from './openapi-document';
import { type PhotoUploadOptions, photoUploadOpenApiPaths, photoUploadRoute } from './photo-upload-route';
import { type RestRequestRulesOptions, restRequestRules } from './rest-requests';
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

/** The same options the /trpc plugin takes, so both transports share one router, context and hooks. */
export type OpenApiOptions<TRouter extends AnyRouter> = Pick<
  FastifyTRPCPluginOptions<TRouter>['trpcOptions'],
  'router' | 'createContext' | 'onError' | 'responseMeta'
> & {
  /** Serves and documents POST /api/cars/{carId}/photos (the real server always does). */
  photoUpload?: PhotoUploadOptions;
  /** Plain routes registered elsewhere (exports), documented here. */
  paths?: ZodOpenApiPathsObject;
  /** The request context, for answering a sign-in or role gate before refusing a non-JSON body. */
  requestContext?: RestRequestRulesOptions['createContext'];
};

/**
 * Every procedure as REST under /api, the OpenAPI document at /openapi.json, and an API
 * reference at /docs whose assets come from this server (no CDN, so helmet's CSP holds).
 */
export async function openApi<TRouter extends AnyRouter>(app: FastifyInstance, options: OpenApiOptions<TRouter>) {
  // What is left is the adapter's own options (router, context and hooks), keys unset stay unset.
  const { photoUpload, paths, requestContext, ...trpcOptions } = options;
  const document = buildOpenApiDocument(options.router, {
    ...(photoUpload ? photoUploadOpenApiPaths() : {}),
    ...(photoUpload ? logbookOpenApiPaths() : {}),
    ...(photoUpload ? stockImportOpenApiPaths() : {}),
    ...paths,
  });

  await app.register(
    async (rest) => {
      // Body-less calls, strict query strings, gates before a 415 and the one error body.
      await restRequestRules(rest, { router: options.router, createContext: requestContext });
      // Its route wins over the adapter's wildcard.
      if (photoUpload) await rest.register(photoUploadRoute, photoUpload);
      if (photoUpload) await rest.register(logbookRoutes, photoUpload);
      if (photoUpload) await rest.register(stockImportRoute, photoUpload);
      await rest.register(fastifyTRPCOpenApiPlugin, trpcOptions);
    },
    { prefix: REST_PREFIX },
  );

  app.get('/openapi.json', async () => document);

  await app.register(apiDocs, { prefix: DOCS_PREFIX, documentUrl: '/openapi.json' });
}

import { randomUUID } from 'node:crypto';
import { appErrorOf, appRouter, createStorage, retryableCauseOf, type Storage } from '@carhub/api';
import { createDb, type Database } from '@carhub/db';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { TRPCError } from '@trpc/server';
import type { FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import { registerCalendarFeed } from './calendar-route';
import type { Config } from './config';
import { corsOptions } from './cors-options';
import { registerCsrfGuard } from './csrf';
import { exportPaths, registerExportRoutes } from './export-routes';
import { trackInFlightHandlers } from './in-flight';
import { registerInputGuard } from './input-guard';
import { loggerOptions, RequestLines } from './logger';
import { registerMedia } from './media-route';
import { openApi } from './openapi';
import { createConfiguredWorker } from './outbox-worker';
import { registerReadiness } from './readiness';
import { createRequestContext } from './request-context';
import { MAX_BATCH_SIZE, registerRequestLimiter } from './request-limiter';
import { responseMeta } from './response-meta';
import { registerServerErrors } from './server-errors';
import { trpcRoute } from './trpc-route';
import { registerTrpcUploadLimit, uploadBodyLimit } from './upload-limits';
import { registerWebConsole } from './web-console';

export interface ServerDeps {
  /** A database handle to use instead of opening one from config.databaseUrl. The server closes it either way. */
  db?: Database;
  /** Where log lines go (default stdout); tests read them from here. */
  logStream?: DestinationStream;
  /** Photo storage to use instead of the one config.storage describes. The server closes it either way. */
  storage?: Storage;
  /** The built web console to serve at / (default apps/web/dist when built); false serves none. */
  webConsoleDir?: string | false;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    config: Config;
  }
}

const READY_TIMEOUT_MS = 2000;

export function createServer(config: Config, deps: ServerDeps = {}): FastifyInstance {
  const requestLines = new RequestLines();
  const app = Fastify({
    logger: loggerOptions(config, deps.logStream),
    logController: requestLines,
    genReqId: () => randomUUID(),
    trustProxy: trustProxyOption(config.trustProxy),
    bodyLimit: config.bodyLimitBytes,
    routerOptions: { maxParamLength: 5000 },
  });
  requestLines.attach(app.log);
  const db =
    deps.db ??
    createDb(config.databaseUrl, {
      timeouts: config.databaseTimeouts,
      onConnectionError: (error) => app.log.warn({ err: error }, 'database connection lost'),
    });
  // Before any route is added, so every handler is counted.
  const handlers = trackInFlightHandlers(app);
  app.decorate('db', db);
  app.decorate('config', config);
  // The outbox worker lives and dies with the server unless it runs as its own process.
  const storage = deps.storage ?? createStorage(config.storage);
  const worker =
    config.notifications.workerMode === 'inline' ? createConfiguredWorker(db, config, app.log, storage) : null;
  app.addHook('onReady', async () => {
    worker?.start();
  });
  app.addHook('onClose', async () => {
    await worker?.stop();
    // The HTTP server has closed; a handler whose client left may still be running its queries.
    await handlers.settled();
    await db.destroy();
  });
  const settings = {
    requireTerms: config.requireTerms,
    webhookAllowPrivateTargets: config.notifications.webhookAllowPrivateTargets,
    defaultCommissionRate: config.defaultCommissionRate,
    showroomTimeZone: config.showroomTimeZone,
    publicUrl: config.notifications.publicUrl,
    calendarFeedKey: config.calendarFeedKey,
    apiKeyRateLimit: config.apiKeyRateLimit,
    now: () => new Date(),
  };
  // While draining, answers close their connection so keep-alive clients can't hold shutdown open.
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (draining) reply.header('connection', 'close');
  });

  registerServerErrors(app, config);
  registerInputGuard(app);
  app.register(helmet);
  app.register(cors, corsOptions(config.corsOrigins));
  registerCsrfGuard(app, config.corsOrigins);
  registerRequestLimiter(app, db, config.apiRateLimitPerMinute, () => handlers.running() > 0);

  registerMedia(app, storage);

  app.get('/healthz', async () => ({ status: 'ok' }));
  registerReadiness(app, db, READY_TIMEOUT_MS);

  const requestContext = (req: FastifyRequest, reply: FastifyReply) => createRequestContext(db, req, reply, settings);
  // A plain route: calendar apps send no headers, so the secret in the path is the access check.
  registerCalendarFeed(app, db);

  const trpcOptions = {
    router: appRouter,
    createContext: ({ req, res }) => requestContext(req, res),
    // A batch is a list of calls; capped so one request can't carry unbounded work.
    maxBatchSize: MAX_BATCH_SIZE,
    onError: logProcedureError,
    responseMeta,
  } satisfies FastifyTRPCPluginOptions<typeof appRouter>['trpcOptions'];
  registerTrpcUploadLimit(app, config);
  // Only FormData bodies reach the adapter unread (fastify parses JSON within bodyLimit): this
  // cuts off a chunked one that declared no size.
  app.register(trpcRoute, {
    prefix: '/trpc',
    trpcOptions: { ...trpcOptions, maxBodySize: uploadBodyLimit(config.uploadMaxBytes) },
  });
  registerExportRoutes(app, db, settings);
  app.register(openApi, {
    router: appRouter,
    createContext: requestContext,
    onError: logProcedureError,
    responseMeta,
    photoUpload: { createContext: requestContext, uploadMaxBytes: config.uploadMaxBytes },
    paths: exportPaths,
  });
  if (deps.webConsoleDir !== false) {
    registerWebConsole(app, {
      requireTerms: config.requireTerms,
      showroomTimeZone: config.showroomTimeZone,
      ...(deps.webConsoleDir ? { dir: deps.webConsoleDir } : {}),
    });
  }

  return app;
}

/** Both transports log a failed call the same way: a 500 with its cause, a 503 and a 409 as warnings. */
function logProcedureError({ error, path, req }: { error: TRPCError; path: string | undefined; req: FastifyRequest }) {
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    req.log.error({ err: error.cause ?? error, path }, 'procedure failed');
  }
  if (error.code === 'SERVICE_UNAVAILABLE') {
    const cause = appErrorOf(error)?.cause ?? error.cause;
    req.log.warn({ err: cause, path }, 'database unavailable: answered 503 to retry');
  }
  const collision = retryableCauseOf(error);
  if (collision) req.log.warn({ err: collision, path }, 'collided with a concurrent request: answered 409 to retry');
}

/** A hop count trusts that many proxies in front of the server (fastify's types only take it as a function). */
function trustProxyOption(
  value: Config['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

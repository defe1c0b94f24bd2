import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

/** The request a piece of async work belongs to, so a stray rejection can be logged with its id. */
const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs the rest of each request inside its scope (everything it starts inherits the id). */
export function trackRequestScope(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    requestScope.run({ requestId: request.id }, done);
  });
}

interface ErrorLog {
  error(obj: object, msg: string): void;
}

let installed = false;

/**
 * A promise rejected with nobody listening would end the process (Node's default), taking
 * every request in flight with it: log it, with the request id when a request started it,
 * and carry on. Installed once per process, by the entry points (main.ts, the CLI worker).
 */
export function logUnhandledRejections(log: ErrorLog): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason, requestId: requestScope.getStore()?.requestId }, 'unhandled promise rejection');
  });
}

import type { FastifyInstance, RouteHandlerMethod } from 'fastify';

/**
 * Counts the route handlers still running, whatever became of their connections: a client that
 * leaves mid-request closes its socket, so the HTTP server's close no longer waits for it, but
 * the handler goes on querying. `settled()` resolves once none runs, so the database can close
 * after the last of them (see create-server's onClose); `running()` is how many run now (the
 * request limiter's sign of a busy server). Async handlers only: a callback-style one can't be
 * told apart from one that has finished, and none of ours touches the database.
 */
export function trackInFlightHandlers(app: FastifyInstance): { settled(): Promise<void>; running(): number } {
  let running = 0;
  let waiters: (() => void)[] = [];
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    if (handler.constructor.name !== 'AsyncFunction') return;
    route.handler = async function (this: FastifyInstance, request, reply) {
      running += 1;
      try {
        return await (handler as (...args: Parameters<RouteHandlerMethod>) => Promise<unknown>).call(
          this,
          request,
          reply,
        );
      } finally {
        running -= 1;
        if (running === 0) {
          for (const wake of waiters) wake();
          waiters = [];
        }
      }
    };
  });
  return {
    settled: () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    running: () => running,
  };
}

interface ErrorLog {
  error(obj: object, msg: string): void;
}

let installed = false;

/**
 * A promise rejected with nobody listening would end the process (Node's default), taking
 * every request in flight with it: log it, with its stack, and carry on. Installed once per
 * process, by the entry points (main.ts, the CLI worker).
 *
 * The line has no request id: knowing which request started the promise takes an
 * AsyncLocalStorage, and on Node 20 that turns on V8's promise hooks for every promise of
 * every request, 15-18 % of a request's CPU (docs/performance.md) to name the request of a
 * bug that should never happen.
 */
export function logUnhandledRejections(log: ErrorLog): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled promise rejection');
  });
}

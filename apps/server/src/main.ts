import { DatabaseLockedError } from '@carhub/db';
import pino from 'pino';
import { ConfigError, loadConfig } from './config';
import { createServer } from './create-server';
import { prepareDatabase, UnmigratedDatabaseError } from './prepare-database';
import { logUnhandledRejections } from './process-guards';

const SHUTDOWN_TIMEOUT_MS = 15_000;

async function main(): Promise<void> {
  const config = loadConfig();
  // Log lines go to stdout asynchronously, gathered: a write once 4 KiB of lines are waiting (about
  // ten requests' lines under load) or every 100 ms, not a write (and a thread-pool trip) a
  // line, two a request. Pino flushes what is left when the process exits, process.exit included;
  // only a SIGKILL could lose the last 100 ms of lines.
  const logStream = pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 100 });
  const app = createServer(config, { logStream });
  logUnhandledRejections(app.log);
  for (const warning of config.warnings) app.log.warn(warning);
  try {
    await prepareDatabase(app.db, config, app.log, app.storage);
  } catch (error) {
    if (error instanceof UnmigratedDatabaseError) console.error(error.message);
    else app.log.fatal({ err: error }, 'could not prepare the database');
    if (error instanceof DatabaseLockedError) console.error(error.message);
    await app.close();
    process.exit(1);
  }

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    try {
      await app.close();
      app.log.info('stopped');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'error while shutting down');
      process.exit(1);
    }
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  await app.listen({ port: config.port, host: config.host });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  }
  process.exit(1);
});

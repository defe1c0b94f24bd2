import { parseArgs } from 'node:util';
import { AppError, createManagedUser, createStorage, seedDemoData } from '@carhub/api';
import { createDb, type Database, migrateDown, migrateToLatest } from '@carhub/db';
import pino from 'pino';
import { type Config, ConfigError, loadConfig } from './config';
import { loggerOptions } from './logger';
import { createConfiguredWorker } from './outbox-worker';
import { logUnhandledRejections } from './process-guards';
import { readSecret } from './read-secret';

const usage = `Usage: pnpm cli <command> [options]

Commands:
  migrate [--down]          apply every pending migration (--down: revert the latest one)
  create-admin --username NAME --email EMAIL [--first-name NAME] [--last-name NAME]
                            create an admin; the password comes from ADMIN_PASSWORD, or is asked for
  seed                      load the demo data (safe to run twice)
  worker                    deliver notifications from the outbox until stopped (SIGTERM/Ctrl-C);
                            for WORKER_MODE=off, or to add workers next to the servers

Every command uses DATABASE_URL, like the server, and migrates first.`;

class UsageError extends Error {}

async function run(
  command: string | undefined,
  args: string[],
  db: Database,
  env: NodeJS.ProcessEnv,
  config: Config,
): Promise<void> {
  switch (command) {
    case 'migrate': {
      const { values } = parseArgs({ args, options: { down: { type: 'boolean', default: false } } });
      const names = values.down ? await migrateDown(db) : await migrateToLatest(db);
      const verb = values.down ? 'Reverted' : 'Applied';
      console.log(names.length > 0 ? `${verb}: ${names.join(', ')}` : 'Nothing to do: the database is up to date.');
      return;
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args,
        options: {
          username: { type: 'string' },
          email: { type: 'string' },
          'first-name': { type: 'string', default: 'Admin' },
          'last-name': { type: 'string', default: 'User' },
        },
      });
      const { username, email } = values;
      if (!username || !email) throw new UsageError('create-admin needs --username and --email.');
      await migrateToLatest(db);
      const password = env.ADMIN_PASSWORD ?? (await readSecret(`Password for ${username}: `));
      // The way admin.users.create makes an account (commission rate, account.created, audit row),
      // with the command line as the actor: nobody can sign in yet on a fresh install.
      const user = await db.transaction().execute((trx) =>
        createManagedUser(
          trx,
          null,
          {
            username,
            email,
            password,
            firstName: values['first-name'],
            lastName: values['last-name'],
            role: 'admin',
          },
          config.defaultCommissionRate,
        ),
      );
      console.log(`Created admin ${user.username} (${user.email}), id ${user.id}.`);
      return;
    }
    case 'seed': {
      await migrateToLatest(db);
      const storage = createStorage(config.storage);
      try {
        const report = await seedDemoData(db, { storage, timeZone: config.showroomTimeZone });
        console.log(`Demo data loaded: ${JSON.stringify(report)}`);
      } finally {
        await storage.close();
      }
      return;
    }
    case 'worker': {
      const log = pino(loggerOptions(config) as pino.LoggerOptions);
      logUnhandledRejections(log);
      const storage = createStorage(config.storage);
      const worker = createConfiguredWorker(db, config, log, storage);
      const stopped = new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      worker.start();
      log.info({ workerId: worker.id }, 'outbox worker started');
      const signal = await stopped;
      log.info({ signal }, 'outbox worker stopping: finishing deliveries in flight');
      await worker.stop();
      await storage.close();
      log.info(worker.stats, 'outbox worker stopped');
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.');
  }
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(usage);
    return 0;
  }
  let db: Database | undefined;
  try {
    const config = loadConfig();
    // The worker runs for good and must not hang on a frozen database; migrations may take long.
    db = createDb(config.databaseUrl, command === 'worker' ? { timeouts: config.databaseTimeouts } : {});
    await run(command, args, db, process.env, config);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage}`);
    } else if (error instanceof AppError || error instanceof ConfigError) {
      console.error(`Error: ${error.message}`);
    } else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`${error.message}\n\n${usage}`);
    } else {
      console.error(error instanceof Error ? `Error: ${error.message}` : error);
    }
    return 1;
  } finally {
    await db?.destroy();
  }
}

process.exitCode = await main();

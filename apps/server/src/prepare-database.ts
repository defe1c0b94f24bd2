import { type Storage, seedDemoData } from '@carhub/api';
import { type Database, isDatabaseUnavailable, migrateToLatest, parseDatabaseUrl, pendingMigrations } from '@carhub/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';

/**
 * The embedded database is the zero-setup default, so the server migrates it at start and
 * fills a brand-new one with demo data. A PostgreSQL server is migrated by `pnpm cli migrate`
 * as a deploy step and never receives demo data unless asked for (`pnpm cli seed`).
 */
export async function prepareDatabase(
  db: Database,
  config: Config,
  log: FastifyBaseLogger,
  storage?: Storage,
): Promise<void> {
  if (parseDatabaseUrl(config.databaseUrl).engine !== 'pglite') return checkMigrated(db, log);
  const applied = await migrateToLatest(db);
  if (applied.length > 0) log.info({ migrations: applied }, 'migrated the embedded database');
  const isNew = applied.includes('0001_extensions');
  if (isNew && config.seedDemoData !== false) {
    const report = await seedDemoData(db, { ...(storage ? { storage } : {}), timeZone: config.showroomTimeZone });
    log.info(report, 'loaded demo data into the new embedded database');
  }
}

/** Refused at start: a PostgreSQL database behind the code; the message is the one line main.ts prints. */
export class UnmigratedDatabaseError extends Error {
  override name = 'UnmigratedDatabaseError';
}

/**
 * Serving on a database behind the code would answer every real call with a 500: refuse to
 * start instead. A database that can't be reached yet is no reason not to start (it may be
 * starting too): /readyz says 503 until it answers and is up to date.
 */
async function checkMigrated(db: Database, log: FastifyBaseLogger): Promise<void> {
  let missing: string[];
  try {
    missing = await pendingMigrations(db);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log.warn({ err: error }, 'database unreachable at start: serving, /readyz answers 503 until it is back');
    return;
  }
  if (missing.length === 0) return;
  const names =
    missing.length > 3 ? `${missing.slice(0, 3).join(', ')} and ${missing.length - 3} more` : missing.join(', ');
  throw new UnmigratedDatabaseError(
    `The database is not migrated (${missing.length} pending: ${names}); run \`pnpm cli migrate\` first.`,
  );
}

import { type Storage, seedDemoData } from '@carhub/api';
import { type Database, migrateToLatest, parseDatabaseUrl } from '@carhub/db';
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
  if (parseDatabaseUrl(config.databaseUrl).engine !== 'pglite') return;
  const applied = await migrateToLatest(db);
  if (applied.length > 0) log.info({ migrations: applied }, 'migrated the embedded database');
  const isNew = applied.includes('0001_extensions');
  if (isNew && config.seedDemoData !== false) {
    const report = await seedDemoData(db, { ...(storage ? { storage } : {}), timeZone: config.showroomTimeZone });
    log.info(report, 'loaded demo data into the new embedded database');
  }
}

export { compiledOnce, compiledPerHandle } from './compiled-once';
export {
  createDb,
  type Database,
  type DatabaseTarget,
  type DatabaseTimeouts,
  DEFAULT_DATA_DIR,
  parseDatabaseUrl,
  pingDatabase,
} from './create-db';
export { isDatabaseUnavailable, isPgError, type PgError, PgErrorCode } from './errors';
export { migrateDown, migrateToLatest, migrateToNone, pendingMigrations } from './migrate';
export { DatabaseLockedError } from './pglite-lock';
export type { DB } from './schema';
export type * from './tables';

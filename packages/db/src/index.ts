export {
  createDb,
  type Database,
  type DatabaseTarget,
  DEFAULT_DATA_DIR,
  parseDatabaseUrl,
  pingDatabase,
} from './create-db';
export { isPgError, type PgError, PgErrorCode } from './errors';
export { migrateDown, migrateToLatest, migrateToNone } from './migrate';
export { DatabaseLockedError } from './pglite-lock';
export type { DB } from './schema';
export type * from './tables';

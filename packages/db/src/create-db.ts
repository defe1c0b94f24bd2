import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { type Dialect, Kysely, type LogConfig, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { CamelCaseNames, SnakeCaseCompiler } from './camel-case';
import { lockDataDir } from './pglite-lock';
import type { DB } from './schema';
import { typeParsers } from './type-parsers';

export type Database = Kysely<DB>;

/** Where the embedded database lives when DATABASE_URL is unset. */
export const DEFAULT_DATA_DIR = './data/db';

export type DatabaseTarget =
  | { engine: 'postgres'; connectionString: string }
  | { engine: 'pglite'; dataDir: string | null };

/**
 * `postgres://` or `postgresql://` is a PostgreSQL server; `memory://` is a throwaway
 * embedded database; anything else (or nothing) is a directory for a persistent one.
 */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  if (url && /^postgres(ql)?:\/\//i.test(url)) return { engine: 'postgres', connectionString: url };
  if (url === 'memory://') return { engine: 'pglite', dataDir: null };
  const dir = url?.startsWith('file://') ? new URL(url).pathname : url || DEFAULT_DATA_DIR;
  return { engine: 'pglite', dataDir: resolve(dir) };
}

export interface CreateDbOptions {
  /** Kysely's log hook (queries and errors). */
  log?: LogConfig;
  /** pg pool size; ignored for the embedded engine, which has one connection. */
  poolSize?: number;
  /** Embedded engine only: start from this dumped data directory (`PGlite.dumpDataDir`) instead of an empty one. */
  loadDataDir?: Blob;
  /** Session timeouts and the connect timeout of every PostgreSQL connection (ignored for PGlite). */
  timeouts?: DatabaseTimeouts;
  /** Told of every error a pooled connection raises outside a query (a dropped connection). */
  onConnectionError?: (error: Error) => void;
}

/**
 * Milliseconds; 0 turns one off. The server side (statement, lock, idle in a transaction) is
 * enforced by PostgreSQL; a backend that stops answering at all (frozen, a network partition)
 * can't enforce anything, so the client gives up on a query a little after the statement
 * timeout and throws that connection away.
 */
export interface DatabaseTimeouts {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
  connectMs: number;
}

/** A query still unanswered this long after its statement timeout means the backend is gone. */
const CLIENT_GRACE_MS = 2000;

export function createDb(url?: string, options: CreateDbOptions = {}): Database {
  const target = parseDatabaseUrl(url);
  const names = new CamelCaseNames();
  const base =
    target.engine === 'postgres'
      ? new PostgresDialect({ pool: createPool(target.connectionString, options) })
      : new PGliteDialect({ pglite: () => openPGlite(target.dataDir, options.loadDataDir) });
  // The dialect as it is, but its compiler writes the plugin's snake_case names (camel-case.ts).
  const dialect: Dialect = {
    createAdapter: () => base.createAdapter(),
    createDriver: () => base.createDriver(),
    createIntrospector: (db) => base.createIntrospector(db),
    createQueryCompiler: () => new SnakeCaseCompiler(names),
  };
  return new Kysely<DB>({ dialect, plugins: [names], ...(options.log ? { log: options.log } : {}) });
}

function createPool(connectionString: string, options: CreateDbOptions): pg.Pool {
  const t = options.timeouts;
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    ...(t
      ? {
          statement_timeout: t.statementMs,
          lock_timeout: t.lockMs,
          idle_in_transaction_session_timeout: t.idleInTransactionMs,
          connectionTimeoutMillis: t.connectMs,
          ...(t.statementMs > 0 ? { query_timeout: t.statementMs + CLIENT_GRACE_MS } : {}),
        }
      : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server drops (restart, failover, a terminated backend) makes the
  // pool emit 'error'; unheard, that would crash the process. The pool has already discarded
  // the connection and opens a new one on the next checkout, where a real outage still fails.
  const onError = options.onConnectionError ?? (() => {});
  pool.on('error', onError);
  pool.on('connect', (client) => guardClient(client, onError));
  return pool;
}

/**
 * A connection checked out when the server drops it (restart, pg_terminate_backend, failover)
 * emits 'error' too, and pg-pool listens only while it is idle: without this listener the
 * process would crash. The query in flight fails on its own; the pool discards the broken
 * client when it is released. A query the client timed out is still running on the backend,
 * so its connection is closed rather than handed to the next caller.
 */
function guardClient(client: pg.PoolClient, onError: (error: Error) => void): void {
  client.on('error', onError);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    if (result instanceof Promise) {
      result.catch((error: unknown) => {
        if (error instanceof Error && error.message === 'Query read timeout') dropConnection(client);
      });
    }
    return result;
  };
}

function dropConnection(client: pg.PoolClient): void {
  const stream = (client as unknown as { connection?: { stream?: { destroy?: () => void } } }).connection?.stream;
  if (stream?.destroy) stream.destroy();
  else void client.end().catch(() => {});
}

export async function openPGlite(dataDir: string | null, loadDataDir: Blob | undefined): Promise<PGlite> {
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    // Loaded on first use: a server on PostgreSQL never holds the embedded engine's code.
    const [{ PGlite }, { btree_gist }, { citext }, { pg_trgm }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/btree_gist'),
      import('@electric-sql/pglite/contrib/citext'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
    ]);
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      extensions: { btree_gist, citext, pg_trgm },
      parsers: typeParsers,
    });
    // Kysely closes PGlite on destroy(); the directory lock goes with it.
    const close = pglite.close.bind(pglite);
    pglite.close = async () => {
      try {
        await close();
      } finally {
        release();
      }
    };
    return pglite;
  } catch (error) {
    release();
    throw error;
  }
}

/** One round trip: resolves when the database answers. */
export async function pingDatabase(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db);
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Database } from './create-db';
import { migrateToLatest } from './migrate';

export interface TestDatabase {
  db: Database;
  /** A URL that opens this same database (PostgreSQL only; an in-memory PGlite can't be opened twice). */
  url: string;
  engine: 'pglite' | 'postgres';
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new
 * database on the PostgreSQL server named by TEST_DATABASE_URL, dropped again
 * by destroy(). Nothing is shared between files, so no test depends on another's leftovers.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const migrate = options.migrate ?? true;
  if (!serverUrl) {
    const db = createDb('memory://');
    if (migrate) await migrateToLatest(db);
    return { db, url: 'memory://', engine: 'pglite', destroy: () => db.destroy() };
  }
  const name = `carhub_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString());
  if (migrate) await migrateToLatest(db);
  return {
    db,
    url: url.toString(),
    engine: 'postgres',
    async destroy() {
      await db.destroy();
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await dropWhenClosed(client, name);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * pg-pool's end() resolves once its clients are told to close, before their sockets have: a
 * forced drop at that moment kills a connection still saying goodbye, and its client throws
 * 57P01 ("terminating connection due to administrator command") with nobody listening, an
 * uncaught error in whichever test runs next. So wait (up to ~5 s) for the database to be
 * free (55006 while in use); force only what is still open after that.
 */
async function dropWhenClosed(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await client.query(`drop database if exists ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== '55006') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await client.query(`drop database if exists ${name} with (force)`);
}

/** The PostgreSQL server the integration tests run on, or undefined for embedded PGlite. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

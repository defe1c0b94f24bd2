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
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The PostgreSQL server the integration tests run on, or undefined for embedded PGlite. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PGliteDialect } from 'kysely';
import pg from 'pg';
import { createDb, type Database, openPGlite } from './create-db';
import { migrateToLatest } from './migrate';

/**
 * Set by {@link prepareTestTemplate} for the processes it starts: a migrated embedded data
 * directory dumped to a file, or a migrated database on the PostgreSQL server. Each test
 * database is then a copy of it instead of a new database migrated from scratch.
 */
const PGLITE_TEMPLATE_ENV = 'CARHUB_TEST_PGLITE_TEMPLATE';
const POSTGRES_TEMPLATE_ENV = 'CARHUB_TEST_POSTGRES_TEMPLATE';

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
    const templateFile = migrate ? process.env[PGLITE_TEMPLATE_ENV] : undefined;
    const loadDataDir = templateFile ? new Blob([await readFile(templateFile)]) : undefined;
    const db = createDb('memory://', loadDataDir ? { loadDataDir } : {});
    if (migrate && !loadDataDir) await migrateToLatest(db);
    return { db, url: 'memory://', engine: 'pglite', destroy: () => db.destroy() };
  }
  const name = `carhub_test_${randomBytes(6).toString('hex')}`;
  const template = migrate ? process.env[POSTGRES_TEMPLATE_ENV] : undefined;
  await createServerDatabase(serverUrl, name, template);
  const url = databaseUrl(serverUrl, name);
  const db = createDb(url);
  if (migrate && !template) await migrateToLatest(db);
  return {
    db,
    url,
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
 * Migrates one database for the whole test run (a vitest global setup calls this) and tells
 * the test processes about it through the environment; returns the teardown. Each file's
 * database is then a copy: PostgreSQL's `CREATE DATABASE ... TEMPLATE`, or for PGlite a
 * migrated data directory dumped once and loaded per file. Migrating ~20 times a minute per
 * file was most of what the integration suite spent.
 */
export async function prepareTestTemplate(): Promise<() => Promise<void>> {
  const serverUrl = testServerUrl();
  if (serverUrl) {
    const name = `carhub_template_${randomBytes(6).toString('hex')}`;
    await createServerDatabase(serverUrl, name);
    const db = createDb(databaseUrl(serverUrl, name));
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    process.env[POSTGRES_TEMPLATE_ENV] = name;
    return async () => {
      delete process.env[POSTGRES_TEMPLATE_ENV];
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await dropWhenClosed(client, name);
      } finally {
        await client.end();
      }
    };
  }
  const pglite = await openPGlite(null, undefined);
  const file = join(tmpdir(), `carhub-test-template-${process.pid}-${randomBytes(4).toString('hex')}.tar`);
  try {
    await migrateToLatest(new Kysely<unknown>({ dialect: new PGliteDialect({ pglite }) }));
    const dump = await pglite.dumpDataDir('none');
    await writeFile(file, new Uint8Array(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
  process.env[PGLITE_TEMPLATE_ENV] = file;
  return async () => {
    delete process.env[PGLITE_TEMPLATE_ENV];
    await rm(file, { force: true });
  };
}

async function createServerDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  } finally {
    await admin.end();
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
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

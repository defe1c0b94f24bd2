import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, parseDatabaseUrl, pingDatabase } from './create-db';
import { DatabaseLockedError } from './pglite-lock';
import { createTestDatabase, type TestDatabase } from './testing';

describe('values read the same on both engines', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  it('int8 is a number, numeric a decimal string, date a plain date, timestamptz a Date', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select 42::int8 as "bigint", count(*) as "count", 19999.99::numeric(12,2) as "money",
             '2024-03-31'::date as "day", '2024-03-31T01:30:00Z'::timestamptz as "instant"
      from (values (1), (2)) v`.execute(t.db);
    expect(rows[0]).toEqual({
      bigint: 42,
      count: 2,
      money: '19999.99',
      day: '2024-03-31',
      instant: new Date('2024-03-31T01:30:00Z'),
    });
  });

  it('maps camelCase in TypeScript to snake_case in SQL', async () => {
    const { rows } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = 'users' and column_name = 'password_hash'`.execute(
      t.db.withoutPlugins(),
    );
    expect(rows).toHaveLength(1);
    const compiled = t.db.selectFrom('users').select(['firstName', 'isActive']).compile();
    expect(compiled.sql).toContain('"first_name"');
    expect(compiled.sql).toContain('"is_active"');
  });
});

describe('parseDatabaseUrl', () => {
  it('tells the engines apart', () => {
    expect(parseDatabaseUrl('postgres://u@h/db')).toEqual({
      engine: 'postgres',
      connectionString: 'postgres://u@h/db',
    });
    expect(parseDatabaseUrl('postgresql://u@h/db').engine).toBe('postgres');
    expect(parseDatabaseUrl('memory://')).toEqual({ engine: 'pglite', dataDir: null });
    expect(parseDatabaseUrl(undefined)).toEqual({ engine: 'pglite', dataDir: join(process.cwd(), 'data/db') });
    expect(parseDatabaseUrl('/var/lib/carhub')).toEqual({ engine: 'pglite', dataDir: '/var/lib/carhub' });
  });
});

describe('the embedded database directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carhub-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('persists across opens', async () => {
    const first = createDb(dir);
    await sql`create table kept (v int)`.execute(first);
    await sql`insert into kept values (7)`.execute(first);
    await first.destroy();
    const second = createDb(dir);
    const { rows } = await sql<{ v: number }>`select v from kept`.execute(second);
    await second.destroy();
    expect(rows).toEqual([{ v: 7 }]);
  });

  it('refuses a second process while one holds it, with a clear message', async () => {
    const holder = createDb(dir);
    await pingDatabase(holder);
    try {
      const script = `import { createDb, pingDatabase } from ${JSON.stringify(new URL('./index.ts', import.meta.url).pathname)};
        const db = createDb(${JSON.stringify(dir)});
        try { await pingDatabase(db); console.log('opened'); } catch (e) { console.error(e.message); process.exitCode = 3; }`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
        cwd: new URL('..', import.meta.url).pathname,
      });
      expect(child.stdout).not.toContain('opened');
      expect(child.stderr).toContain(`is in use by process ${process.pid}`);
      expect(child.status).toBe(3);
    } finally {
      await holder.destroy();
    }
  });

  it('refuses a second open in the same process, and frees the lock on close', async () => {
    const holder = createDb(dir);
    await pingDatabase(holder);
    const second = createDb(dir);
    await expect(pingDatabase(second)).rejects.toBeInstanceOf(DatabaseLockedError);
    await holder.destroy();
    const third = createDb(dir);
    await pingDatabase(third);
    await third.destroy();
  });

  it('takes over a lock left by a process that died', async () => {
    writeFileSync(join(dir, '.carhub.lock'), '2147483646');
    const db = createDb(dir);
    await pingDatabase(db);
    await db.destroy();
  });
});

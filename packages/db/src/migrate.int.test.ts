import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDown, migrateToLatest, migrateToNone } from './migrate';
import { migrations } from './migrations/index';
import { createTestDatabase, type TestDatabase } from './testing';

async function tableNames(t: TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_name not like 'kysely%' order by 1`.execute(t.db);
  return rows.map((r) => r.name);
}

describe('migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterAll(() => t.destroy());

  it('apply in order on a brand-new database, then have nothing left to do', async () => {
    expect(await migrateToLatest(t.db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(t.db)).toEqual([]);
    expect(await tableNames(t)).toEqual(expect.arrayContaining(['sessions', 'users']));
  });

  it('each revert cleanly, one at a time, and the set re-applies', async () => {
    const names = Object.keys(migrations);
    for (const name of [...names].reverse()) {
      expect(await migrateDown(t.db)).toEqual([name]);
    }
    expect(await tableNames(t)).toEqual([]);
    expect(await migrateToLatest(t.db)).toEqual(names);
    expect(await migrateToNone(t.db)).toEqual([...names].reverse());
    expect(await migrateToLatest(t.db)).toEqual(names);
  });

  it('load btree_gist, citext and pg_trgm', async () => {
    const { rows } = await sql<{ extname: string }>`select extname from pg_extension order by 1`.execute(t.db);
    expect(rows.map((r) => r.extname)).toEqual(expect.arrayContaining(['btree_gist', 'citext', 'pg_trgm']));
    const similarity = await sql<{ s: number }>`select similarity('Volkswagen', 'Volkswagon') as s`.execute(t.db);
    expect(similarity.rows[0]?.s).toBeGreaterThan(0.4);
  });
});

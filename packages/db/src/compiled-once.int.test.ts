import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledOnce, compiledPerHandle } from './compiled-once';
import { createTestDatabase, type TestDatabase } from './testing';

describe('compiledOnce', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await t.db
      .insertInto('users')
      .values(
        ['ada_test', 'bob_test', 'cy_test'].map((name, i) => ({
          username: name,
          email: `${name}@example.com`,
          passwordHash: 'x',
          firstName: name.toUpperCase(),
          lastName: 'Test',
          isActive: i !== 2,
        })),
      )
      .execute();
  });
  afterAll(() => t.destroy());

  it("runs one compiled statement with each call's values, keeping the builder's own literals", async () => {
    let builds = 0;
    const byName = compiledOnce(t.db, (value) => {
      builds++;
      return t.db
        .selectFrom('users')
        .select(['username', 'firstName'])
        .where('username', '=', value<string>('username'))
        .where('isActive', '=', true);
    });
    expect(await byName({ username: 'ada_test' })).toEqual([{ username: 'ada_test', firstName: 'ADA_TEST' }]);
    expect(await byName({ username: 'bob_test' })).toEqual([{ username: 'bob_test', firstName: 'BOB_TEST' }]);
    // cy_test is inactive: the bound `true` is still there.
    expect(await byName({ username: 'cy_test' })).toEqual([]);
    expect(builds).toBe(1);
  });

  it('refuses a value the query never binds', async () => {
    const broken = compiledOnce(t.db, () => t.db.selectFrom('users').select('username'));
    await expect(broken({ username: 'ada' })).rejects.toThrow(/does not bind username/);
  });

  it('compiles once per handle, a transaction its own, and binds a list as one array parameter', async () => {
    let builds = 0;
    const byNames = compiledPerHandle((db, value) => {
      builds++;
      return db
        .selectFrom('users')
        .select('username')
        .where('username', '=', (eb) => eb.fn.any(eb.val(value<string[]>('names'))))
        .orderBy('username');
    });
    expect(await byNames(t.db, { names: ['bob_test', 'ada_test'] })).toEqual([
      { username: 'ada_test' },
      { username: 'bob_test' },
    ]);
    expect(await byNames(t.db, { names: ['cy_test'] })).toEqual([{ username: 'cy_test' }]);
    expect(await byNames(t.db, { names: [] })).toEqual([]);
    expect(builds).toBe(1);
    await t.db.transaction().execute(async (trx) => {
      expect(await byNames(trx, { names: ['ada_test'] })).toEqual([{ username: 'ada_test' }]);
    });
    expect(builds).toBe(2);
  });
});

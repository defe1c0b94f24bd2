import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAttempts } from '../src/domain/auth/throttle';

/** The shared attempt counts: several keys to a statement, as the request limiter sends them. */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

describe('addAttempts', () => {
  it('adds each key its own cost in one statement and answers every key', async () => {
    const first = await addAttempts(
      t.db,
      new Map([
        ['k1', 2],
        ['k2', 5],
      ]),
      60,
    );
    expect(Object.fromEntries([...first].map(([key, row]) => [key, row.attempts]))).toEqual({ k1: 2, k2: 5 });
    const second = await addAttempts(
      t.db,
      new Map([
        ['k2', 1],
        ['k3', 1],
        ['k1', 3],
      ]),
      60,
      { asyncCommit: true },
    );
    expect(Object.fromEntries([...second].map(([key, row]) => [key, row.attempts]))).toEqual({ k1: 5, k2: 6, k3: 1 });
    for (const row of second.values()) expect(row.retryAfter).toBeGreaterThan(55);
  });

  it('starts a key over once its window has passed, and leaves the others counting', async () => {
    await addAttempts(
      t.db,
      new Map([
        ['old', 9],
        ['fresh', 9],
      ]),
      60,
    );
    await sql`update login_throttle set window_start = now() - interval '61 seconds' where key = 'old'`.execute(t.db);
    const rows = await addAttempts(
      t.db,
      new Map([
        ['old', 1],
        ['fresh', 1],
      ]),
      60,
    );
    expect(rows.get('old')).toMatchObject({ attempts: 1 });
    expect(rows.get('old')?.retryAfter).toBeGreaterThan(55);
    expect(rows.get('fresh')).toMatchObject({ attempts: 10 });
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'two instances counting the same keys at once never deadlock and lose nothing',
    async () => {
      const keys = Array.from({ length: 20 }, (_, i) => `race-${i}`);
      // Each statement names the keys in another order; the rows are still locked in key order.
      const statements = Array.from({ length: 40 }, (_, n) => {
        const order = n % 2 ? [...keys].reverse() : keys;
        return addAttempts(t.db, new Map(order.map((key) => [key, 1])), 60);
      });
      await Promise.all(statements);
      const counts = await t.db
        .selectFrom('loginThrottle')
        .select(['key', 'attempts'])
        .where('key', 'in', keys)
        .execute();
      expect(counts.map((row) => row.attempts)).toEqual(keys.map(() => 40));
    },
  );
});

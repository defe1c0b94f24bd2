import { describe, expect, it } from 'vitest';
import { coalescedCounter } from './coalesced-count';

/** An in-process stand-in for the upsert: one shared total per key, answered a tick later. */
function countingStatement() {
  const totals = new Map<string, number>();
  const statements: number[] = [];
  const statement = async (key: string, cost: number) => {
    statements.push(cost);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const attempts = (totals.get(key) ?? 0) + cost;
    totals.set(key, attempts);
    return { attempts, retryAfter: 60 };
  };
  return { statement, statements };
}

describe('coalescedCounter', () => {
  it('joins concurrent calls of one key and gives each its own place in the count', async () => {
    const { statement, statements } = countingStatement();
    const count = coalescedCounter(statement);
    const places = await Promise.all([1, 1, 3, 1, 2].map((cost) => count('a', cost)));
    expect(places.map((p) => p?.attempts)).toEqual([1, 2, 5, 6, 8]);
    // The first call goes alone; the four that arrived meanwhile share the next statement.
    expect(statements).toEqual([1, 7]);
  });

  it('counts keys apart and sequential calls one by one', async () => {
    const { statement, statements } = countingStatement();
    const count = coalescedCounter(statement);
    expect((await count('a', 1))?.attempts).toBe(1);
    expect((await count('a', 1))?.attempts).toBe(2);
    const [a, b] = await Promise.all([count('a', 1), count('b', 1)]);
    expect([a?.attempts, b?.attempts]).toEqual([3, 1]);
    expect(statements).toEqual([1, 1, 1, 1]);
  });

  it('fails every call of a statement that fails, and the key counts again afterwards', async () => {
    let fail = true;
    const count = coalescedCounter(async (_key, cost) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (fail) throw new Error('database away');
      return { attempts: cost, retryAfter: 1 };
    });
    const results = await Promise.allSettled([count('a', 1), count('a', 1)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect((await count('a', 2))?.attempts).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { coalescedCounter } from './coalesced-count';

/** An in-process stand-in for the upsert: one shared total per key, answered `delayMs` later. */
function countingStatement(delayMs = 5) {
  const totals = new Map<string, number>();
  const statements: { costs: Record<string, number>; at: number }[] = [];
  const statement = async (costs: ReadonlyMap<string, number>) => {
    statements.push({ costs: Object.fromEntries(costs), at: performance.now() });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const rows = new Map<string, { attempts: number; retryAfter: number }>();
    for (const [key, cost] of costs) {
      const attempts = (totals.get(key) ?? 0) + cost;
      totals.set(key, attempts);
      rows.set(key, { attempts, retryAfter: 60 });
    }
    return rows;
  };
  return { statement, statements };
}

const idle = { spacingMs: 1_000, busy: () => false };

describe('coalescedCounter', () => {
  it('joins concurrent calls of one key and gives each its own place in the count', async () => {
    const { statement, statements } = countingStatement();
    const count = coalescedCounter(statement, idle);
    const places = await Promise.all([1, 1, 3, 1, 2].map((cost) => count('a', cost)));
    expect(places.map((p) => p?.attempts)).toEqual([1, 2, 5, 6, 8]);
    // The first call goes alone; the four that arrived meanwhile share the next statement.
    expect(statements.map((s) => s.costs)).toEqual([{ a: 1 }, { a: 7 }]);
  });

  it('counts the keys of concurrent calls apart, in one statement', async () => {
    const { statement, statements } = countingStatement();
    const count = coalescedCounter(statement, idle);
    expect((await count('a', 1))?.attempts).toBe(1);
    const calls = [count('a', 1), count('b', 2), count('a', 1), count('c', 1), count('b', 1)];
    expect((await Promise.all(calls)).map((p) => p?.attempts)).toEqual([2, 2, 3, 1, 3]);
    // All five share the statement after the first: a key's calls summed, each call still its own place.
    expect(statements.map((s) => s.costs)).toEqual([{ a: 1 }, { a: 2, b: 3, c: 1 }]);
  });

  it('lets a lone caller go at once, however short the spacing since the last statement', async () => {
    const { statement, statements } = countingStatement(1);
    const count = coalescedCounter(statement, { spacingMs: 10_000, busy: () => false });
    const started = performance.now();
    for (let i = 1; i <= 20; i++) expect((await count('a', 1))?.attempts).toBe(i);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(statements).toHaveLength(20);
  });

  it('while the server is busy, starts statements no closer than the spacing and joins what arrives meanwhile', async () => {
    const { statement, statements } = countingStatement(1);
    const count = coalescedCounter(statement, { spacingMs: 80, busy: () => true });
    expect((await count('a', 1))?.attempts).toBe(1);
    // Arriving a moment after the first statement finished: they wait for the spacing, then go together.
    const places = await Promise.all([count('a', 1), count('b', 1), count('a', 2)]);
    expect(places.map((p) => p?.attempts)).toEqual([2, 1, 4]);
    expect(statements.map((s) => s.costs)).toEqual([{ a: 1 }, { a: 3, b: 1 }]);
    const [first, second] = statements;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(79);
  });

  it('fails every call of a statement that fails, and counts again afterwards', async () => {
    let fail = true;
    const count = coalescedCounter(async (costs) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (fail) throw new Error('database away');
      return new Map([...costs].map(([key, cost]) => [key, { attempts: cost, retryAfter: 1 }]));
    }, idle);
    const results = await Promise.allSettled([count('a', 1), count('b', 1)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect((await count('a', 2))?.attempts).toBe(2);
  });

  it('answers null for a key the statement returned no row for', async () => {
    const count = coalescedCounter(async () => new Map(), idle);
    expect(await count('a', 1)).toBeNull();
  });
});

import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { serializeAnswer, takesPlainWalk } from './transformer';

/** A small seeded generator: the same values on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const KEYS = ['id', 'make', 'a.b', 'back\\slash', '0', '1', '7', '10', 'createdAt', 'items', 'x', 'constructor'];

/** Values of the kinds answers hold, and now and then one superjson must handle itself. */
function arbitrary(next: () => number, depth: number, shared: object[]): unknown {
  const pick = <T>(options: readonly T[]): T => options[Math.floor(next() * options.length)] as T;
  const roll = next();
  if (depth <= 0 || roll < 0.3) {
    return pick([
      () => 'text',
      () => Math.round(next() * 1000) / 10,
      () => true,
      () => null,
      () => undefined,
      () => new Date(Date.UTC(2026, 0, 1 + Math.floor(next() * 365))),
      () => (next() < 0.1 ? new Date(Number.NaN) : new Date(0)),
      () => (next() < 0.1 ? Number.NaN : 0),
      () => (next() < 0.1 ? 10n : 'ten'),
      () => (next() < 0.1 ? (shared[0] ?? new Date(1)) : 1),
    ])();
  }
  if (roll < 0.6) {
    const length = Math.floor(next() * 4);
    const list: unknown[] = [];
    for (let i = 0; i < length; i++) list.push(arbitrary(next, depth - 1, shared));
    if (next() < 0.03) list.length += 1; // a hole
    return list;
  }
  if (roll < 0.95) {
    const record: Record<string, unknown> = {};
    const count = Math.floor(next() * 4);
    for (let i = 0; i < count; i++) record[pick(KEYS)] = arbitrary(next, depth - 1, shared);
    if (next() < 0.05) shared.push(record);
    return record;
  }
  return pick([() => new Map([['k', 1]]), () => new Set([1]), () => shared[0] ?? {}, () => /re/])();
}

const bytesOf = (serialize: () => unknown) => {
  try {
    return JSON.stringify(serialize());
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
};

describe('serializeAnswer', () => {
  it('writes what superjson writes, byte for byte, for 5,000 generated values', () => {
    const next = random(20261202);
    let plain = 0;
    for (let i = 0; i < 5000; i++) {
      const shared: object[] = [];
      const value = { result: arbitrary(next, 5, shared) };
      expect(bytesOf(() => serializeAnswer(value))).toBe(bytesOf(() => superjson.serialize(value)));
      if (takesPlainWalk(value)) plain++;
    }
    // Both paths were tried: most generated values take the plain walk, many do not.
    expect(plain).toBeGreaterThan(1000);
    expect(plain).toBeLessThan(4500);
  });

  it('takes the plain walk for a page of cars, and the Dates come back as Dates', () => {
    const car = (i: number) => ({
      id: `car-${i}`,
      make: 'Toyota',
      price: '12000.00',
      ownerId: null,
      photos: [{ id: `photo-${i}`, url: '/media/x.webp', createdAt: new Date(Date.UTC(2026, 1, i)) }],
      createdAt: new Date(Date.UTC(2026, 0, i)),
      updatedAt: new Date(Date.UTC(2026, 0, i)),
      note: null,
    });
    const page = { items: Array.from({ length: 20 }, (_, i) => car(i + 1)), nextCursor: 'abc' };
    expect(takesPlainWalk(page)).toBe(true);
    const serialized = serializeAnswer(page);
    expect(JSON.stringify(serialized)).toBe(JSON.stringify(superjson.serialize(page)));
    expect(superjson.deserialize(JSON.parse(JSON.stringify(serialized)))).toEqual(page);
  });

  it('leaves what it does not know to superjson: a Map, a BigInt, a shared Date, a hole, undefined', () => {
    const when = new Date(0);
    const holey = [1, 2, 3];
    delete holey[1];
    for (const value of [{ m: new Map() }, { n: 1n }, { a: when, b: when }, { list: holey }, { u: undefined }]) {
      expect(takesPlainWalk(value)).toBe(false);
      expect(JSON.stringify(serializeAnswer(value))).toBe(JSON.stringify(superjson.serialize(value)));
    }
  });
});

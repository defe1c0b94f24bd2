import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoData } from '../src/seed/demo';
import { serializeAnswer, takesPlainWalk } from '../src/transformer';
import { callerFor } from './helpers';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t.db);
});
afterAll(() => t.destroy());

const signedIn = async (username: string) => {
  const { token } = await (await callerFor(t.db)).auth.login({ identifier: username, password: DEMO_PASSWORD });
  return callerFor(t.db, { token });
};

describe('answers over tRPC', () => {
  it('take the plain walk and serialize as superjson does, for the calls the console makes most', async () => {
    const alice = await signedIn('alice');
    const sam = await signedIn('sam');
    const stock = await alice.inventory.list({ limit: 50 });
    const answers: Record<string, unknown> = {
      'auth.me': await alice.auth.me(),
      'cars.list': await alice.cars.list({}),
      'cars.get': await alice.cars.get({ id: (await alice.cars.list({})).items[0]?.id ?? '' }),
      'inventory.list': stock,
      'bookings.list (client)': await alice.bookings.list({}),
      'bookings.list (staff)': await sam.bookings.list({}),
      'auth.sessions': await alice.auth.sessions(),
    };
    expect(stock.items.length).toBeGreaterThan(10);
    for (const [call, answer] of Object.entries(answers)) {
      expect(takesPlainWalk(answer), call).toBe(true);
      expect(JSON.stringify(serializeAnswer(answer)), call).toBe(JSON.stringify(superjson.serialize(answer)));
    }
  });
});

import { createTestDatabase, type TestDatabase, testServerUrl } from '@carhub/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Spawned, spawnEntry, waitFor } from './helpers';
import { registerOverRest, restClient } from './rest-client';

/**
 * A real crash: the server runs as its own process and is killed with SIGKILL in the middle of
 * a stream of keyed bookings.create calls. After a restart every create that was answered must
 * replay (same body, nothing new), and no Idempotency-Key may be recorded without its booking
 * (they commit in one transaction). Needs a database two processes share: PostgreSQL only.
 */
let t: TestDatabase;
beforeAll(async () => {
  if (testServerUrl()) t = await createTestDatabase();
});
afterAll(() => t?.destroy());

async function startServer(): Promise<{ run: Spawned; url: string }> {
  const run = spawnEntry('src/main.ts', [], {
    DATABASE_URL: t.url,
    PORT: '0',
    HOST: '127.0.0.1',
    WORKER_MODE: 'off',
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'info',
    API_KEY_RATE_LIMIT: '100000',
  });
  await waitFor(() => /Server listening at (http:\/\/[\d.:]+)/.test(run.output()), 60_000, 'the server to listen');
  const url = /Server listening at (http:\/\/[\d.:]+)/.exec(run.output())?.[1] ?? '';
  return { run, url };
}

it.skipIf(!testServerUrl())(
  'kill -9 mid-stream: every acknowledged create replays, and no key is recorded without its booking',
  async () => {
    let server = await startServer();
    try {
      const rest = restClient(server.url);
      const user = await registerOverRest(rest, 'crash');
      const car = await rest('POST', '/cars', { make: 'Saab', model: '9-3', year: 2008 }, user.token);
      expect(car.status).toBe(200);
      const bodyOf = (i: number) => {
        const date = (n: number) => new Date(Date.now() + (20 + 2 * i + n) * 86_400_000).toISOString().slice(0, 10);
        return { carId: car.body.id, kind: 'rental', startDate: date(0), endDate: date(0) };
      };
      const post = (url: string, i: number) =>
        fetch(`${url}/api/bookings`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${user.token}`,
            'idempotency-key': `crash-${i}`,
          },
          body: JSON.stringify(bodyOf(i)),
        });

      const acknowledged = new Map<number, string>();
      const sent: number[] = [];
      let next = 0;
      let dead = false;
      const lane = async () => {
        while (!dead && next < 2000) {
          const i = next++;
          sent.push(i);
          try {
            const res = await post(server.url, i);
            const text = await res.text();
            if (res.status === 200) acknowledged.set(i, text);
            else throw new Error(`create ${i} answered ${res.status}: ${text}`);
          } catch (error) {
            if (!dead) throw error;
          }
        }
      };
      const lanes = Array.from({ length: 6 }, lane);
      await waitFor(() => acknowledged.size >= 40, 60_000, '40 acknowledged creates');
      dead = true;
      server.run.child.kill('SIGKILL');
      await server.run.exited;
      await Promise.all(lanes);

      server = await startServer();
      // Every answered create replays: the same body, and no new booking.
      const before = await t.db.selectFrom('bookings').select('id').where('carId', '=', car.body.id).execute();
      for (const [i, text] of acknowledged) {
        const res = await post(server.url, i);
        expect(res.status).toBe(200);
        expect(await res.text()).toBe(text);
      }
      const after = await t.db.selectFrom('bookings').select('id').where('carId', '=', car.body.id).execute();
      expect(after.length).toBe(before.length);

      // Records and bookings match one to one: none without the other, whatever was in flight.
      const records = await t.db
        .selectFrom('idempotencyKeys')
        .select(['key', 'response'])
        .where('userId', '=', user.id)
        .execute();
      const recorded = new Set(records.map((r) => (JSON.parse(r.response) as { json: { id: string } }).json.id));
      expect(new Set(after.map((b) => b.id))).toEqual(recorded);
      expect(records.length).toBe(after.length);
      expect(records.length).toBeGreaterThanOrEqual(acknowledged.size);
      expect(records.length).toBeLessThanOrEqual(sent.length);
    } finally {
      server.run.child.kill('SIGKILL');
      await server.run.exited;
    }
  },
  180_000,
);

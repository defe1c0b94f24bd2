/**
 * What an API key costs over a session, through the real server over HTTP (REST):
 *
 * 1. Requests per second of `GET /api/inventory` (inventory.list, 20 cars a page) signed in with
 *    a session versus with an API key (X-API-Key): CONCURRENCY (default 16) requests in flight,
 *    SECONDS (default 5) per round, rounds alternating session / key / session / key so load on
 *    the machine touches both alike. The key's lookup counts its request and, once a minute,
 *    writes last_used_at in the same statement; the session's lookup is a read.
 * 1b. The credential lookup alone, in process: p50/p99 of building a request's context from a
 *    session token and from an API key, 2 x RUNS each, alternating.
 * 2. The added p50 (and p99) of a keyed `POST /api/bookings` (Idempotency-Key) over an unkeyed
 *    one: RUNS (default 300) rentals of each, one at a time, alternating.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm --filter @carhub/server bench:api-keys
 *
 * Without a URL it runs on embedded PGlite. Creates a throwaway database and drops it after.
 */
import { createContextInner } from '@carhub/api';
import { createTestDatabase } from '@carhub/db/testing';
import { testConfig } from '../src/config';
import { createServer } from '../src/create-server';

/** The nearest-rank percentile of times sorted ascending. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (url) process.env.TEST_DATABASE_URL = url;
const concurrency = Number(process.env.CONCURRENCY ?? 16);
const seconds = Number(process.env.SECONDS ?? 5);
const runs = Number(process.env.RUNS ?? 300);

const t = await createTestDatabase();
const app = createServer(
  testConfig({
    apiKeyRateLimit: 1_000_000_000,
    logLevel: 'silent',
    notifications: { ...testConfig().notifications, workerMode: 'off' },
  }),
  { db: t.db },
);
const base = await app.listen({ port: 0, host: '127.0.0.1' });

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

try {
  const password = 'bench-password-correct-9';
  const registered = await call(
    'POST',
    '/auth/register',
    {},
    {
      username: 'benchstaff',
      email: 'benchstaff@example.com',
      password,
      passwordConfirm: password,
      firstName: 'Bench',
      lastName: 'Staff',
    },
  );
  await t.db.updateTable('users').set({ role: 'staff' }).where('id', '=', registered.user.id).execute();
  const session = { authorization: `Bearer ${registered.token}` };
  for (let i = 0; i < 60; i++) {
    await call('POST', '/inventory', session, {
      make: ['Toyota', 'Ford', 'BMW'][i % 3],
      model: 'Bench',
      year: 2010 + (i % 14),
      fuelType: 'petrol',
      bodyType: 'sedan',
      transmission: 'manual',
      price: `${10_000 + i * 100}.00`,
    });
  }
  const created = await call('POST', '/api-keys', session, { name: 'bench', scopes: ['*:read', '*:write'] });
  const keyed = { 'x-api-key': created.key as string };

  // 1. Throughput of inventory.list.
  const rate = async (headers: Record<string, string>): Promise<number> => {
    const until = Date.now() + seconds * 1000;
    let done = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < until) {
          await call('GET', '/inventory?limit=20', headers);
          done += 1;
        }
      }),
    );
    return done / seconds;
  };
  await rate(session); // warm-up
  await rate(keyed);
  const sessionRates: number[] = [];
  const keyRates: number[] = [];
  for (let round = 0; round < 2; round++) {
    sessionRates.push(await rate(session));
    keyRates.push(await rate(keyed));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const s = mean(sessionRates);
  const k = mean(keyRates);
  console.log(`engine: ${t.engine}; inventory.list, ${concurrency} in flight, ${seconds} s rounds`);
  console.log(`  session: ${s.toFixed(0)} req/s (rounds ${sessionRates.map((r) => r.toFixed(0)).join(', ')})`);
  console.log(`  API key: ${k.toFixed(0)} req/s (rounds ${keyRates.map((r) => r.toFixed(0)).join(', ')})`);
  console.log(`  key / session: ${(k / s).toFixed(2)}x`);

  // 1b. The credential lookup alone (what each request pays before any procedure), in process.
  const lookups = { session: [] as number[], key: [] as number[] };
  const settings = { apiKeyRateLimit: 1_000_000_000 };
  for (let i = 0; i < runs * 2; i++) {
    for (const which of i % 2 === 0 ? (['session', 'key'] as const) : (['key', 'session'] as const)) {
      const start = performance.now();
      await createContextInner(
        which === 'key' ? { db: t.db, apiKey: created.key, settings } : { db: t.db, token: registered.token, settings },
      );
      lookups[which].push(performance.now() - start);
    }
  }
  lookups.session.sort((a, b) => a - b);
  lookups.key.sort((a, b) => a - b);
  console.log(`credential lookup (createContextInner), ${runs * 2} each, alternating`);
  console.log(
    `  session: p50 ${percentile(lookups.session, 50).toFixed(2)} ms, p99 ${percentile(lookups.session, 99).toFixed(2)} ms`,
  );
  console.log(
    `  API key: p50 ${percentile(lookups.key, 50).toFixed(2)} ms, p99 ${percentile(lookups.key, 99).toFixed(2)} ms`,
  );

  // 2. Keyed vs unkeyed bookings.create, one at a time, over a garage car per 50 rentals.
  const cars: string[] = [];
  for (let i = 0; i < Math.ceil((2 * runs) / 50); i++) {
    cars.push((await call('POST', '/cars', session, { make: 'Bench', model: `Garage ${i}`, year: 2015 })).id);
  }
  let n = 0;
  const rental = () => {
    const carId = cars[Math.floor(n / 50)] ?? '';
    const day = new Date(Date.now() + (10 + 2 * (n % 50)) * 86_400_000).toISOString().slice(0, 10);
    n += 1;
    return { carId, kind: 'rental', startDate: day, endDate: day };
  };
  const plain: number[] = [];
  const withKey: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const keyedRun of i % 2 === 0 ? [false, true] : [true, false]) {
      const headers = keyedRun ? { ...session, 'idempotency-key': `bench-${i}` } : session;
      const body = rental();
      const start = performance.now();
      await call('POST', '/bookings', headers, body);
      (keyedRun ? withKey : plain).push(performance.now() - start);
    }
  }
  plain.sort((a, b) => a - b);
  withKey.sort((a, b) => a - b);
  const p = (xs: number[], q: number) => percentile(xs, q).toFixed(2);
  console.log(`bookings.create over REST, ${runs} each, alternating`);
  console.log(`  unkeyed: p50 ${p(plain, 50)} ms, p99 ${p(plain, 99)} ms`);
  console.log(`  keyed:   p50 ${p(withKey, 50)} ms, p99 ${p(withKey, 99)} ms`);
  console.log(
    `  added by Idempotency-Key: p50 +${(percentile(withKey, 50) - percentile(plain, 50)).toFixed(2)} ms, ` +
      `p99 +${(percentile(withKey, 99) - percentile(plain, 99)).toFixed(2)} ms`,
  );
} finally {
  await app.close();
  await t.destroy();
}

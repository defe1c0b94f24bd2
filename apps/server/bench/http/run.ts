/**
 * `pnpm bench:http`: our server (as production runs it) against its bare Fastify + pg twin on
 * one seeded PostgreSQL database, route by route, alternating A B A B with autocannon.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/carhub_bench), BENCH_DURATION
 * (seconds per run, default 15), BENCH_CONNECTIONS (default 32), BENCH_ROUNDS (A B pairs,
 * default 2), BENCH_WARMUP (unmeasured seconds per route and server first, default 2),
 * BENCH_ONLY (a substring of the route names to run), BENCH_PORT (default 4121; the twin takes
 * the next one), BENCH_CPU_PROF (a directory: the server writes a CPU profile there),
 * BENCH_RATE_LIMIT (API_RATE_LIMIT_PER_MINUTE for the server; 0 turns the limiter off).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessionsFor } from '@carhub/api';
import { createDb } from '@carhub/db';
import { BUILT_ENTRY, buildServer } from '../../scripts/build';
import { serverIsStale } from '../../scripts/ensure-built';
import { drive, type Measured, startProcess, waitReady } from './drive';
import { capturePlan } from './plan';
import { printTable } from './report';
import { type BenchRoute, benchRoutes } from './routes';
import { BENCH_USERS, ensureDatabase, seedBench } from './seed';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/carhub_bench';
const duration = Number(process.env.BENCH_DURATION ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const only = process.env.BENCH_ONLY;
const warmup = Number(process.env.BENCH_WARMUP ?? 2);
const port = Number(process.env.BENCH_PORT ?? 4121);
const root = new URL('../../../../', import.meta.url).pathname;

await ensureDatabase(url);
const db = createDb(url);
await seedBench(db, console.log);
const userIds = await db
  .selectFrom('users')
  .select(['id', 'username'])
  .where('username', 'in', Object.values(BENCH_USERS))
  .execute();
const idOf = (name: string) => userIds.find((u) => u.username === name)?.id ?? '';
const sessions = sessionsFor(db);
const tokens = {
  small: (await sessions.create(idOf(BENCH_USERS.small), { userAgent: 'bench', ip: null })).token,
  large: (await sessions.create(idOf(BENCH_USERS.large), { userAgent: 'bench', ip: null })).token,
};
const car = await db
  .selectFrom('cars')
  .select('id')
  .where('ownerId', '=', idOf(BENCH_USERS.small))
  .limit(1)
  .executeTakeFirstOrThrow();
const stockCar = await db
  .selectFrom('cars')
  .select('id')
  .where('ownerId', 'is', null)
  .limit(1)
  .executeTakeFirstOrThrow();
await db.destroy();

const plan = await capturePlan(url, {
  token: tokens.small,
  userId: idOf(BENCH_USERS.small),
  carId: car.id,
  make: 'Toyota',
  minPrice: '10000.00',
  maxPrice: '60000.00',
});
const planFile = join(tmpdir(), `carhub-bench-plan-${process.pid}.json`);
writeFileSync(planFile, JSON.stringify(plan, null, 2));

const serverEnv = {
  NODE_ENV: 'production',
  DATABASE_URL: url,
  HOST: '127.0.0.1',
  MEDIA_URL_SECRET: 'bench-media-secret-bench-media-secret',
  CALENDAR_FEED_SECRET: 'bench-calendar-secret-bench-calendar',
  // Counted as in production; high enough that the benchmark is never refused.
  API_RATE_LIMIT_PER_MINUTE: process.env.BENCH_RATE_LIMIT ?? '1000000000',
  WORKER_MODE: 'off',
};
const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
const server = startProcess(
  'server',
  [...profile, ...(await serverCommand())],
  { ...serverEnv, PORT: String(port) },
  root,
);
const twin = startProcess(
  'twin',
  ['--import', 'tsx', join(root, 'apps/server/bench/http/twin.ts'), planFile],
  {
    DATABASE_URL: url,
    PORT: String(port + 1),
  },
  root,
);
const ours = `http://127.0.0.1:${port}`;
const theirs = `http://127.0.0.1:${port + 1}`;
try {
  await waitReady(`${ours}/readyz`);
  await waitReady(`${theirs}/api/inventory`);
  const catalogue = 'make=Toyota&minPrice=10000.00&maxPrice=60000.00';
  let cursor = '';
  for (let page = 1; page < 50; page++) {
    const body = (await (
      await fetch(`${ours}/api/inventory?${catalogue}${cursor ? `&cursor=${cursor}` : ''}`)
    ).json()) as {
      nextCursor: string | null;
    };
    if (!body.nextCursor) throw new Error(`the catalogue ends at page ${page}`);
    cursor = body.nextCursor;
  }
  const routes = benchRoutes({
    carId: car.id,
    stockCarId: stockCar.id,
    catalogue,
    page50Cursor: cursor,
    slotDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
  }).filter((route) => !only || route.name.includes(only));
  const headersOf = (route: BenchRoute): Record<string, string> =>
    route.as ? { authorization: `Bearer ${tokens[route.as]}` } : {};
  await checkSameBodies(routes, headersOf);

  const results: { route: BenchRoute; ours: Measured[]; twin: Measured[] }[] = [];
  for (const route of routes) {
    const entry = { route, ours: [] as Measured[], twin: [] as Measured[] };
    // Unmeasured first: both processes' JIT warms up on this route.
    await drive(ours + route.path, headersOf(route), server.pid, { connections, duration: warmup });
    if (route.twin) await drive(theirs + route.path, headersOf(route), twin.pid, { connections, duration: warmup });
    for (let round = 0; round < rounds; round++) {
      entry.ours.push(await drive(ours + route.path, headersOf(route), server.pid, { connections, duration }));
      if (route.twin)
        entry.twin.push(await drive(theirs + route.path, headersOf(route), twin.pid, { connections, duration }));
    }
    results.push(entry);
    console.log(`done: ${route.name}`);
  }
  printTable(results, { connections, duration, rounds });
} finally {
  await server.stop();
  await twin.stop();
}

/** As `pnpm start` runs it: the built server, built first when missing or stale. */
async function serverCommand(): Promise<string[]> {
  if (serverIsStale()) await buildServer();
  return ['--enable-source-maps', BUILT_ENTRY];
}

async function checkSameBodies(routes: BenchRoute[], headersOf: (route: BenchRoute) => Record<string, string>) {
  for (const route of routes.filter((r) => r.twin)) {
    const [a, b] = await Promise.all(
      [ours, theirs].map(async (base) => {
        const response = await fetch(base + route.path, { headers: headersOf(route) });
        return `${response.status} ${await response.text()}`;
      }),
    );
    if (a !== b) {
      throw new Error(
        `${route.name}: the twin's answer differs from ours\nours: ${a?.slice(0, 600)}\ntwin: ${b?.slice(0, 600)}`,
      );
    }
    if (!a?.startsWith('200 ')) throw new Error(`${route.name}: answered ${a?.slice(0, 300)}`);
  }
  console.log('twin answers are byte-identical to ours on every twinned route');
}

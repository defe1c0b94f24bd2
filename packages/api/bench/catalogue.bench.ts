/**
 * Catalogue benchmark (not a test): seeds 100,000 stock and 100,000 garage cars, then times
 * `inventory.list` (make + price range, sorted by price: page 1 and page 50) and `cars.list`
 * for one owner through the real procedures, and prints the plans PostgreSQL chose.
 *
 *   pnpm --filter @carhub/api bench:catalogue                      # embedded PGlite, in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/carhub_bench pnpm --filter @carhub/api bench:catalogue
 *
 * On PostgreSQL, point it at a database made for the purpose (it migrates it and adds 200k rows).
 */
import { performance } from 'node:perf_hooks';
import { createDb, migrateToLatest } from '@carhub/db';
import { CompiledQuery, sql } from 'kysely';
import { createContextInner } from '../src/context';
import { createCaller } from '../src/root';
import { percentile } from './percentile';

const url = process.env.DATABASE_URL ?? 'memory://';
const runs = Number(process.env.BENCH_RUNS ?? 200);
const STOCK = 100_000;
const GARAGE = 100_000;
const OWNERS = 10_000;
const OWNER_CARS = 1_000;

let capture: CompiledQuery | null = null;
const db = createDb(url, {
  log(event) {
    if (event.level === 'query' && /from "cars"/.test(event.query.sql)) capture = event.query;
  },
});

async function seed() {
  const started = performance.now();
  await migrateToLatest(db);
  const raw = db.withoutPlugins();
  await sql`
    insert into users (username, email, password_hash, first_name, last_name)
    select 'bench_' || i, 'bench_' || i || '@bench.test', 'not-a-hash', 'Bench', 'User ' || i
    from generate_series(1, ${OWNERS}::int) as i`.execute(raw);
  await sql`
    insert into cars (make, model, year, color, vin, mileage, fuel_type, body_type, transmission, price, status, created_at)
    select (array['Toyota','Volkswagen','BMW','Ford','Tesla','Renault','Peugeot','Skoda','Audi','Mercedes-Benz',
                  'Honda','Mazda','Kia','Hyundai','Volvo','Fiat','Opel','Nissan','Dacia','Seat'])[1 + i % 20],
           (array['Alpha','Beta','Gamma','Delta','Epsilon','Zeta','Eta'])[1 + (i / 20) % 7],
           1995 + (i * 7) % 31,
           (array['Black','White','Silver','Grey','Blue','Red'])[1 + i % 6],
           'WBENCH' || lpad(i::text, 11, '0'),
           (i * 7919) % 300000,
           (array['petrol','diesel','hybrid','electric','lpg','other'])[1 + i % 6],
           (array['sedan','hatchback','suv','coupe','convertible','wagon','van','pickup','other'])[1 + i % 9],
           (array['manual','automatic'])[1 + i % 2],
           1000 + ((i::bigint * 104729) % 99000) + (i % 100) / 100.0,
           -- Independent of the make (i % 20): about 5% sold, 2% removed, 10% reserved.
           case when (i * 31) % 97 < 5 then 'sold' when (i * 31) % 97 < 7 then 'removed'
                when (i * 31) % 97 < 17 then 'reserved' else 'available' end,
           now() - i * interval '1 minute'
    from generate_series(1, ${STOCK}::int) as i`.execute(raw);
  // One owner with a big garage (so paging means something); the rest spread over the other users.
  await sql`
    insert into cars (owner_id, make, model, year, color, license_plate, plate_normalized, mileage, created_at)
    select u.id, (array['Toyota','Volkswagen','BMW','Ford'])[1 + g.i % 4], 'Model ' || g.i % 13,
           1995 + g.i % 31, 'Blue', 'GB ' || g.i, 'GB' || g.i, g.i % 250000, now() - g.i * interval '1 minute'
    from generate_series(1, ${GARAGE}::int) as g(i)
    join users u on u.username = 'bench_' || case when g.i <= ${OWNER_CARS} then 1 else 2 + g.i % (${OWNERS} - 1) end`.execute(
    raw,
  );
  await sql`analyze`.execute(raw);
  console.log(
    `seeded ${STOCK} stock + ${GARAGE} garage cars in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function measure(label: string, call: () => Promise<unknown>): Promise<{ p50: number; plan: CompiledQuery }> {
  for (let i = 0; i < 20; i++) await call();
  capture = null;
  await call();
  const plan = capture as CompiledQuery | null;
  if (!plan) throw new Error(`no query captured for ${label}`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  console.log(
    `${label.padEnd(58)} p50 ${p50.toFixed(2).padStart(7)} ms   p99 ${percentile(times, 99).toFixed(2).padStart(7)} ms`,
  );
  return { p50, plan };
}

async function explain(label: string, query: CompiledQuery) {
  const result = await db.executeQuery<Record<string, string>>(
    CompiledQuery.raw(`explain (analyze, buffers, costs off) ${query.sql}`, [...query.parameters]),
  );
  console.log(`\n-- ${label}\n${result.rows.map((row) => Object.values(row)[0]).join('\n')}`);
}

try {
  await seed();
  const anonymous = createCaller(await createContextInner({ db }));
  const password = 'bench-password-long-1';
  const registered = await anonymous.auth.register({
    username: 'bench_owner',
    email: 'bench_owner@bench.test',
    password,
    passwordConfirm: password,
    firstName: 'Bench',
    lastName: 'Owner',
  });
  await sql`update cars set owner_id = ${registered.user.id}
    where owner_id = (select id from users where username = 'bench_1')`.execute(db);
  const owner = createCaller(await createContextInner({ db, token: registered.token }));

  const filter = { make: 'Toyota', minPrice: '10000', maxPrice: '60000', sort: 'price' as const, limit: 20 };
  let cursor: string | null = null;
  for (let page = 1; page < 50; page++) {
    cursor = (await anonymous.inventory.list({ ...filter, cursor })).nextCursor;
    if (!cursor) throw new Error(`the filter has fewer than 50 pages (ended at ${page})`);
  }
  const page50 = cursor;
  let ownerCursor: string | null = null;
  for (let page = 1; page < 50; page++)
    ownerCursor = (await owner.cars.list({ limit: 20, cursor: ownerCursor })).nextCursor;

  console.log(
    `\nengine: ${url.startsWith('postgres') ? 'PostgreSQL' : 'PGlite'}, ${runs} calls each, through the procedures\n`,
  );
  const first = await measure('inventory.list make+price, sort price, page 1', () => anonymous.inventory.list(filter));
  const fiftieth = await measure('inventory.list make+price, sort price, page 50', () =>
    anonymous.inventory.list({ ...filter, cursor: page50 }),
  );
  const catalogue = await measure('inventory.list no filter, sort -createdAt, page 1', () =>
    anonymous.inventory.list({ limit: 20 }),
  );
  const search = await measure('inventory.list q="mazda delta", sort -price, page 1', () =>
    anonymous.inventory.list({ q: 'mazda delta', sort: '-price', limit: 20 }),
  );
  const garage = await measure(`cars.list one owner (${OWNER_CARS} cars), page 1`, () =>
    owner.cars.list({ limit: 20 }),
  );
  const garage50 = await measure(`cars.list one owner (${OWNER_CARS} cars), page 50`, () =>
    owner.cars.list({ limit: 20, cursor: ownerCursor }),
  );
  console.log(`\npage 50 / page 1 (inventory make+price): ${(fiftieth.p50 / first.p50).toFixed(2)}x`);
  console.log(`page 50 / page 1 (cars.list):             ${(garage50.p50 / garage.p50).toFixed(2)}x`);

  await explain('inventory.list make+price, sort price, page 1', first.plan);
  await explain('inventory.list make+price, sort price, page 50', fiftieth.plan);
  await explain('inventory.list no filter, sort -createdAt', catalogue.plan);
  await explain('inventory.list q search', search.plan);
  await explain('cars.list one owner, page 1', garage.plan);
  await explain('cars.list one owner, page 50', garage50.plan);
} finally {
  await db.destroy();
}

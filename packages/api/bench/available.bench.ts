/**
 * Availability benchmark (not a test): seeds 100,000 stock cars (20 makes) and 1,000,000
 * bookings (10 per car, 1-3 days each, every status, from 60 days ago to 60 days ahead), then
 * times inventory.available through the real procedure for a 3-day window with a make filter:
 * page 1 and page 20 (reached by following the cursors), p50 and p99, and prints the plan
 * PostgreSQL chose (EXPLAIN ANALYZE) to show the GiST index answering the NOT EXISTS.
 *
 *   psql -h 127.0.0.1 -U postgres -c 'create database carhub_bench_available'
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/carhub_bench_available pnpm --filter @carhub/api bench:available
 *
 * Point it at a database made for the purpose: it migrates it and adds the rows (a second run
 * reuses them). PostgreSQL only. BENCH_RUNS (default 200) bounds the run.
 */
import { migrateToLatest } from '@carhub/db';
import { sql } from 'kysely';
import { createContextInner } from '../src/context';
import { createCaller } from '../src/root';
import { benchDatabase } from './bench-db';

const { db, raw, runs, measure, queriesOf, planOf } = benchDatabase({ defaultRuns: 200, labelWidth: 60 });
const CARS = 100_000;
const PER_CAR = 10;
const settings = { showroomTimeZone: 'UTC' };

async function seed() {
  await migrateToLatest(db);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from bookings`.execute(raw);
  if ((rows[0]?.n ?? 0) >= CARS * PER_CAR) {
    console.log(`reusing ${rows[0]?.n} bookings already in the database`);
    return;
  }
  const started = performance.now();
  await sql`
    insert into cars (make, model, year, vin, fuel_type, body_type, transmission, price, status, created_at)
    select 'Make' || lpad((i % 20)::text, 2, '0'), 'Model ' || i % 13, 2010 + i % 15,
           'WAVAL' || lpad(i::text, 12, '0'), 'petrol', 'sedan', 'manual', 5000 + (i * 37) % 50000,
           (array['available','available','available','reserved','sold','removed'])[1 + i % 6],
           now() - i * interval '1 second'
    from generate_series(1, ${CARS}::int) as i`.execute(raw);
  // Booking k of car n: starts on day 12k - 60 (+ n % 12 days, at n % 24 hours) and lasts 1-3
  // days, so one car's bookings never overlap; a third of them are inactive (cancelled,
  // declined, completed, no-show), the rest pending or approved.
  await sql`
    with c as (select id, row_number() over (order by id) as n from cars where vin like 'WAVAL%')
    insert into bookings (car_id, kind, status, start_at, end_at)
    select c.id, 'rental',
           (array['pending','approved','approved','cancelled','completed','approved'])[1 + (k + c.n::int) % 6],
           date_trunc('day', now()) + ((12 * k - 60) + c.n % 12) * interval '1 day' + (c.n % 24) * interval '1 hour',
           date_trunc('day', now()) + ((12 * k - 60) + c.n % 12 + 1 + (c.n + k) % 3) * interval '1 day'
             + (c.n % 24) * interval '1 hour'
    from c cross join generate_series(0, ${PER_CAR - 1}::int) as k`.execute(raw);
  await sql`analyze`.execute(raw);
  const { rows: count } = await sql<{ n: number }>`select count(*)::int as n from bookings`.execute(raw);
  console.log(
    `seeded ${CARS} cars and ${count[0]?.n} bookings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function explain(label: string, call: () => Promise<unknown>) {
  const query = (await queriesOf(call)).find((q) => /not exists/i.test(q.sql));
  if (!query) throw new Error('the availability query was not captured');
  console.log(`\n-- ${label}\n${query.sql}\n${await planOf(query, 'analyze, buffers, costs off')}`);
}

type Page = { items: Array<{ id: string }>; nextCursor: string | null };

try {
  await seed();
  const anonymous = createCaller(await createContextInner({ db, settings }));
  const from = new Date(Date.now() + 10 * 86_400_000);
  from.setUTCHours(10, 0, 0, 0);
  const to = new Date(from.getTime() + 3 * 86_400_000);
  const make = 'Make07';
  const page = (sort: 'price' | '-createdAt', cursor?: string) =>
    anonymous.inventory.available({ from, to, make, sort, limit: 20, ...(cursor ? { cursor } : {}) }) as Promise<Page>;
  const { rows: counts } = await sql<{ cars: number; free: number }>`
    select count(*)::int as cars,
      count(*) filter (where not exists (select 1 from bookings b where b.car_id = c.id
        and b.status in ('pending', 'approved') and tstzrange(b.start_at, b.end_at) && tstzrange(${from}, ${to})))::int as free
    from cars c where c.owner_id is null and lower(c.make) = lower(${make}) and c.status in ('available', 'reserved')`.execute(
    raw,
  );
  console.log(
    `\nPostgreSQL, ${runs} calls each; window ${from.toISOString()} .. ${to.toISOString()} (3 days), make ${make}: ` +
      `${counts[0]?.cars} cars on offer, ${counts[0]?.free} of them free\n`,
  );
  for (const sort of ['price', '-createdAt'] as const) {
    let cursor: string | undefined;
    for (let i = 1; i < 20; i++) cursor = (await page(sort, cursor)).nextCursor ?? undefined;
    if (!cursor) throw new Error('fewer than 20 pages of free cars');
    const page20 = cursor;
    await measure(`inventory.available 3 days + make, sort ${sort}, page 1`, () => page(sort));
    await measure(`inventory.available 3 days + make, sort ${sort}, page 20`, () => page(sort, page20));
    await explain(`inventory.available sort ${sort}, page 20`, () => page(sort, page20));
  }
} finally {
  await db.destroy();
}

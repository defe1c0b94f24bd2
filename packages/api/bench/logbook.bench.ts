/**
 * Logbook benchmark (not a test): one car with 10 years of weekly fill-ups (522) and monthly
 * services (120), then times `cars.fuel.stats` and `cars.costs` (whole period and one year)
 * and `cars.fuel.list` paging (page 1, and the last of 27 pages of 20 by cursor) through the
 * real procedures on PostgreSQL, p50/p99 of RUNS calls each. It creates and drops its own
 * database on the server.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm --filter @carhub/api bench:logbook
 */
import { performance } from 'node:perf_hooks';
import { createTestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { createContextInner } from '../src/context';
import { insertUser } from '../src/domain/users/queries';
import { createCaller } from '../src/root';
import { percentile } from './percentile';

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!url?.startsWith('postgres')) {
  console.error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server.');
  process.exit(1);
}
process.env.TEST_DATABASE_URL = url;
const runs = Number(process.env.RUNS ?? 300);
const WEEKS = 522;
const MONTHS = 120;

const t = await createTestDatabase();
try {
  await insertUser(t.db, {
    username: 'bench_owner',
    email: 'bench@bench.test',
    password: 'bench-password-77',
    firstName: 'Bench',
    lastName: 'Owner',
    role: 'client',
  });
  const { token } = await createCaller(await createContextInner({ db: t.db })).auth.login({
    identifier: 'bench_owner',
    password: 'bench-password-77',
  });
  const caller = createCaller(await createContextInner({ db: t.db, token }));
  const car = await caller.cars.create({ make: 'Toyota', model: 'Corolla', year: 2016 });
  const started = performance.now();
  // Weekly fill-ups from 2016-01-04 (every sixth one partial) and a service on the 15th of
  // each month, each with its odometer reading, as the procedures would write them.
  await sql`
    with fills as (
      select i, date '2016-01-04' + i * 7 as at, 10000 + i * 250 + (i % 7) * 3 as km from generate_series(0, ${WEEKS - 1}::int) as i
    ), readings as (
      insert into odometer_readings (car_id, at, km, source)
      select ${car.id}::uuid, at, km, 'fuel' from fills order by i returning id, at, km
    )
    insert into fuel_entries (car_id, at, odometer_km, liters, total_cost, full_tank, station, odometer_reading_id)
    select ${car.id}::uuid, r.at, r.km, 30 + (f.i % 13) * 0.731, round((30 + (f.i % 13) * 0.731) * 1.689, 2), f.i % 6 <> 5,
           'Station ' || (f.i % 4), r.id
    from readings r join fills f on f.at = r.at and f.km = r.km`.execute(t.db);
  await sql`
    with services as (
      select m, (date '2016-01-15' + make_interval(months => m))::date as at from generate_series(0, ${MONTHS - 1}::int) as m
    )
    insert into service_records (car_id, at, title, items, cost, shop)
    select ${car.id}::uuid, at, 'Monthly check ' || m, array['oil level', 'tyres'], 45 + (m % 10) * 12.35, 'Garage'
    from services`.execute(t.db);
  await sql`update cars set mileage = (select max(km) from odometer_readings where car_id = ${car.id}) where id = ${car.id}`.execute(
    t.db,
  );
  await sql`analyze`.execute(t.db);
  console.log(
    `seeded ${WEEKS} fill-ups and ${MONTHS} services in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  async function time(label: string, call: () => Promise<unknown>) {
    for (let i = 0; i < 10; i++) await call();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await call();
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(2)} ms`;
    console.log(`${label.padEnd(48)} p50 ${ms(percentile(samples, 50))}  p99 ${ms(percentile(samples, 99))}`);
  }

  const stats = await caller.cars.fuel.stats({ id: car.id });
  console.log(
    `fuel.stats: ${stats.fillUps} fill-ups, ${stats.segments.length} stretches, ${stats.litersPer100Km} L/100 km`,
  );
  const costs = await caller.cars.costs({ id: car.id });
  console.log(`costs: ${costs.months.length} months, total ${costs.total}, ${costs.costPerKm} per km`);

  await time('cars.fuel.stats (10 years)', () => caller.cars.fuel.stats({ id: car.id }));
  await time('cars.fuel.stats (2020)', () =>
    caller.cars.fuel.stats({ id: car.id, from: '2020-01-01', to: '2021-01-01' }),
  );
  await time('cars.costs (10 years)', () => caller.cars.costs({ id: car.id }));
  await time('cars.costs (2020)', () => caller.cars.costs({ id: car.id, from: '2020-01-01', to: '2021-01-01' }));
  await time('cars.fuel.list page 1 (limit 20)', () => caller.cars.fuel.list({ id: car.id, limit: 20 }));
  let cursor: string | null = null;
  let pages = 0;
  let lastCursor: string | null = null;
  do {
    const page: { nextCursor: string | null } = await caller.cars.fuel.list({ id: car.id, limit: 20, cursor });
    pages++;
    if (page.nextCursor) lastCursor = page.nextCursor;
    cursor = page.nextCursor;
  } while (cursor);
  await time(`cars.fuel.list last page (${pages} of 20)`, () =>
    caller.cars.fuel.list({ id: car.id, limit: 20, cursor: lastCursor }),
  );
  await time('cars.fuel.list page 1 (limit 100)', () => caller.cars.fuel.list({ id: car.id, limit: 100 }));
} finally {
  await t.destroy();
}

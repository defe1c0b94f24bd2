/**
 * Dashboard and import benchmark (not a test). On PostgreSQL: seeds 100,000 stock cars,
 * 1,000,000 test-drive bookings (10 a car, one hour each, every status, from 60 days ago to 60
 * days ahead) and 50,000 sales over two years, then times admin.dashboard through the real
 * procedure (p50/p99) and prints the plans of its two statements. Then inventory.import of a
 * 5,000-row file: the dry run and the commit, with the time and the process's peak memory.
 *
 *   psql -h 127.0.0.1 -U postgres -c 'create database carhub_bench_dashboard'
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/carhub_bench_dashboard pnpm --filter @carhub/api bench:dashboard
 *
 * Point it at a database made for the purpose: it migrates it and adds the rows (a second run
 * reuses them). BENCH_RUNS (default 200) bounds the run.
 */
import { migrateToLatest } from '@carhub/db';
import { sql } from 'kysely';
import { createContextInner } from '../src/context';
import { csvRow } from '../src/csv/csv-writer';
import { createCaller } from '../src/root';
import { benchDatabase } from './bench-db';

const { db, raw, runs, measure, queriesOf, planOf } = benchDatabase({ defaultRuns: 200, labelWidth: 50 });
const CARS = 100_000;
const PER_CAR = 10;
const SALES = 50_000;
const settings = { showroomTimeZone: 'Europe/Lisbon' };

async function seed() {
  await migrateToLatest(db);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from bookings`.execute(raw);
  if ((rows[0]?.n ?? 0) >= CARS * PER_CAR) {
    console.log(`reusing ${rows[0]?.n} bookings already in the database`);
    return;
  }
  const started = performance.now();
  await sql`insert into users (username, email, password_hash, first_name, last_name)
    values ('bench_customer', 'bench_customer@example.com', 'x', 'Bench', 'Customer')`.execute(raw);
  await sql`
    insert into cars (make, model, year, vin, fuel_type, body_type, transmission, price, status, created_at)
    select 'Make' || lpad((i % 20)::text, 2, '0'), 'Model ' || i % 13, 2010 + i % 15,
           'WADSH' || lpad(i::text, 12, '0'), 'petrol', 'sedan', 'manual', 5000 + (i * 37) % 50000,
           case when i <= ${SALES} then 'sold' else (array['available','available','reserved','removed'])[1 + i % 4] end,
           now() - i * interval '1 second'
    from generate_series(1, ${CARS}::int) as i`.execute(raw);
  // Drive k of car n: day 12k - 60 + n % 12, at 09:00 + n % 8 hours UTC, one hour. Past drives
  // were handled (completed, no-show, declined, cancelled); future ones are pending (a sixth),
  // approved or cancelled, as a working desk leaves them.
  await sql`
    with c as (select id, row_number() over (order by id) as n from cars where vin like 'WADSH%'),
         u as (select id from users where username = 'bench_customer')
    insert into bookings (car_id, kind, status, start_at, end_at, customer_id)
    select c.id, 'test_drive',
           case when 12 * k - 60 + c.n % 12 >= 0
             then (array['pending','approved','approved','cancelled','approved','approved'])[1 + (k + c.n::int) % 6]
             else (array['completed','no_show','declined','cancelled','completed','completed'])[1 + (k + c.n::int) % 6] end,
           date_trunc('day', now()) + ((12 * k - 60) + c.n % 12) * interval '1 day' + (9 + c.n % 8) * interval '1 hour',
           date_trunc('day', now()) + ((12 * k - 60) + c.n % 12) * interval '1 day' + (10 + c.n % 8) * interval '1 hour',
           u.id
    from c cross join u cross join generate_series(0, ${PER_CAR - 1}::int) as k`.execute(raw);
  console.log(`seeded ${CARS} cars and bookings in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function seedSales(staffId: string) {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from sales`.execute(raw);
  if ((rows[0]?.n ?? 0) >= SALES) return;
  // The sold cars, one sale each, spread over two years; a third by the benchmark's seller.
  await sql`
    with s as (select id, make, model, year, price, row_number() over (order by id) as n from cars where status = 'sold' and vin like 'WADSH%')
    insert into sales (car_id, customer_id, staff_id, price, commission_rate, commission, car_make, car_model, car_year, sold_at)
    select s.id, (select id from users where username = 'bench_customer'),
           case when s.n % 3 = 0 then ${staffId}::uuid else (select id from users where username = 'bench_customer') end,
           s.price, 5, round(s.price * 0.05, 2), s.make, s.model, s.year, now() - (s.n % 730) * interval '1 day' - (s.n % 1440) * interval '1 minute'
    from s`.execute(raw);
  // What autovacuum does soon after a bulk load: statistics, and the visibility map that lets
  // the counts read their indexes alone.
  await sql`vacuum analyze`.execute(raw);
}

async function staffCaller() {
  const anonymous = createCaller(await createContextInner({ db, settings }));
  const username = `bench_staff_${Date.now().toString(36)}`;
  const password = 'correct-horse-battery-9';
  const { token, user } = await anonymous.auth.register({
    username,
    email: `${username}@example.com`,
    password,
    passwordConfirm: password,
    firstName: 'Bench',
    lastName: 'Staff',
  });
  await raw.updateTable('users').set({ role: 'staff' }).where('id', '=', user.id).execute();
  return { id: user.id, caller: createCaller(await createContextInner({ db, token, settings })) };
}

async function explainDashboard(call: () => Promise<unknown>) {
  for (const query of (await queriesOf(call)).filter((q) => /from bookings/i.test(q.sql))) {
    console.log(`\n${await planOf(query, 'analyze, costs off')}`);
  }
}

function importFile(rows: number): File {
  const header = [
    'make',
    'model',
    'year',
    'fuelType',
    'bodyType',
    'transmission',
    'price',
    'licensePlate',
    'vin',
    'mileage',
    'notes',
  ];
  const stamp = Date.now().toString(36).toUpperCase().slice(-5);
  let text = csvRow(header);
  for (let i = 0; i < rows; i++) {
    text += csvRow([
      'Skoda',
      `Import ${i}`,
      2015 + (i % 10),
      'diesel',
      'wagon',
      'manual',
      `${9000 + i}.50`,
      `B${stamp}-${i}`,
      null,
      1000 + i,
      'From the bench',
    ]);
  }
  return new File([text], 'cars.csv', { type: 'text/csv' });
}

function form(file: File, dryRun: boolean): FormData {
  const data = new FormData();
  data.set('file', file);
  data.set('dryRun', String(dryRun));
  return data;
}

try {
  await seed();
  const staff = await staffCaller();
  await seedSales(staff.id);
  const { rows: counts } = await sql<{ cars: number; bookings: number; sales: number }>`select
    (select count(*)::int from cars where owner_id is null) as cars, (select count(*)::int from bookings) as bookings,
    (select count(*)::int from sales) as sales`.execute(raw);
  console.log(
    `\nPostgreSQL: ${counts[0]?.cars} stock cars, ${counts[0]?.bookings} bookings, ${counts[0]?.sales} sales; ${runs} calls\n`,
  );
  const dashboard = () => staff.caller.admin.dashboard({});
  const sample = await dashboard();
  console.log(
    `pending ${sample.pending.count}, today ${sample.drivesToday.count}, tomorrow ${sample.drivesTomorrow.count}, ` +
      `sales this month ${sample.sales.thisMonth.count} (${sample.sales.thisMonth.revenue}), mine ${sample.myCommissionThisMonth}`,
  );
  await measure('admin.dashboard', dashboard);
  await explainDashboard(dashboard);

  const file = importFile(5000);
  console.log(`\ninventory.import, 5,000 rows (${(file.size / 1024).toFixed(0)} KiB):`);
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  for (const dryRun of [true, true, false]) {
    const start = performance.now();
    const result = await staff.caller.inventory.import(form(file, dryRun));
    const ms = performance.now() - start;
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(
      `  ${dryRun ? 'dry run' : 'commit '}  ${ms.toFixed(0).padStart(6)} ms   ${result.errors.length} errors, ${result.createdIds.length} created`,
    );
  }
  clearInterval(sampler);
  console.log(
    `  peak RSS ${(peak / 1024 / 1024).toFixed(0)} MiB (${((peak - baseline) / 1024 / 1024).toFixed(0)} MiB above the ${(baseline / 1024 / 1024).toFixed(0)} MiB before)`,
  );
} finally {
  await db.destroy();
}

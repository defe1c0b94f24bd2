/**
 * Bookings benchmark (not a test): seeds 10,000 stock cars and 1,000,000 bookings (100 per car,
 * one a day from 60 days ago to 40 days ahead, every status), then times through the real
 * procedures: bookings.create (the exclusion constraint's clash check on every insert),
 * inventory.slots, bookings.list for one client and for a one-week window (staff), and prints
 * the plans PostgreSQL chose, the create path's clash check among them.
 *
 *   psql -h 127.0.0.1 -U postgres -c 'create database carhub_bench_bookings'
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/carhub_bench_bookings pnpm --filter @carhub/api bench:bookings
 *
 * Point it at a database made for the purpose: it migrates it and adds a million rows (a second
 * run on the same database adds nothing and measures again). PostgreSQL only: the embedded
 * engine would take many minutes to seed this much.
 */
import { migrateToLatest } from '@carhub/db';
import { CompiledQuery, sql } from 'kysely';
import { createContextInner } from '../src/context';
import { createCaller } from '../src/root';
import { benchDatabase } from './bench-db';

const { db, raw, runs, measure, queriesOf, planOf } = benchDatabase({ defaultRuns: 300, labelWidth: 52 });
const CARS = 10_000;
const PER_CAR = 100;
const CUSTOMERS = 10_000;
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
    insert into users (username, email, password_hash, first_name, last_name)
    select 'bench_' || i, 'bench_' || i || '@bench.test', 'not-a-hash', 'Bench', 'Customer ' || i
    from generate_series(1, ${CUSTOMERS}::int) as i`.execute(raw);
  await sql`
    insert into cars (make, model, year, vin, fuel_type, body_type, transmission, price, status)
    select (array['Toyota','Volkswagen','BMW','Ford','Tesla'])[1 + i % 5], 'Bench ' || i % 13, 2015 + i % 10,
           'WBOOK' || lpad(i::text, 12, '0'), 'petrol', 'sedan', 'manual', 10000 + i, 'available'
    from generate_series(1, ${CARS}::int) as i`.execute(raw);
  // Booking k of car c: day (k - 60) from today, a one-hour test drive at 10:00 UTC or a rental
  // 12:00-18:00; the past ones completed, no-show or cancelled, the future ones pending,
  // approved or cancelled. Customers spread evenly, ~100 bookings each.
  await sql`
    with c as (select id, row_number() over (order by id) as n from cars where owner_id is null and vin like 'WBOOK%'),
         u as (select id, first_name || ' ' || last_name as name, row_number() over (order by id) as n
               from users where username like 'bench\\_%')
    insert into bookings (car_id, kind, status, start_at, end_at, customer_id, customer_name, created_by, created_at)
    select c.id,
           case when k % 3 = 0 then 'rental' else 'test_drive' end,
           case when k < 60 then (array['completed','completed','no_show','cancelled'])[1 + (k + c.n::int) % 4]
                else (array['pending','approved','approved','cancelled'])[1 + (k + c.n::int) % 4] end,
           date_trunc('day', now()) + (k - 60) * interval '1 day'
             + case when k % 3 = 0 then interval '12 hours' else interval '10 hours' end,
           date_trunc('day', now()) + (k - 60) * interval '1 day'
             + case when k % 3 = 0 then interval '18 hours' else interval '11 hours' end,
           u.id, u.name, u.id, now()
    from c cross join generate_series(0, ${PER_CAR - 1}::int) as k
    join u on u.n = 1 + ((c.n * ${PER_CAR} + k) * 7919) % ${CUSTOMERS}`.execute(raw);
  await sql`analyze`.execute(raw);
  const { rows: count } = await sql<{ n: number }>`select count(*)::int as n from bookings`.execute(raw);
  console.log(
    `seeded ${CARS} cars and ${count[0]?.n} bookings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function explain(label: string, query: CompiledQuery) {
  console.log(`\n-- ${label}\n${query.sql}\n${await planOf(query, 'analyze, buffers, costs off')}`);
}

try {
  await seed();
  const anonymous = createCaller(await createContextInner({ db, settings }));
  const password = 'bench-password-long-1';
  const stamp = Date.now().toString(36);
  const register = (name: string) =>
    anonymous.auth.register({
      username: `${name}_${stamp}`,
      email: `${name}_${stamp}@bench.test`,
      password,
      passwordConfirm: password,
      firstName: 'Bench',
      lastName: name,
    });
  const staffUser = await register('staff');
  await sql`update users set role = 'staff' where id = ${staffUser.user.id}`.execute(raw);
  const staff = createCaller(await createContextInner({ db, token: staffUser.token, settings }));
  // A client who is the customer of one bench customer's ~100 bookings (taken over from the
  // previous run's client on a reused database).
  const clientUser = await register('client');
  await sql`update bookings set customer_id = ${clientUser.user.id}
    where customer_id in (select id from users where username = 'bench_1' or username like 'client\\_%')`.execute(raw);
  const client = createCaller(await createContextInner({ db, token: clientUser.token, settings }));
  const { rows: mine } = await sql<{
    n: number;
  }>`select count(*)::int as n from bookings where customer_id = ${clientUser.user.id}`.execute(raw);
  // Fresh customers for the creates (the 3-active-test-drives rule would stop one customer).
  const { rows: fresh } = await sql<{ id: string }>`
    insert into users (username, email, password_hash, first_name, last_name)
    select 'fresh_' || ${stamp} || '_' || i, 'fresh_' || ${stamp} || '_' || i || '@bench.test', 'x', 'Fresh', 'Customer'
    from generate_series(1, ${runs + 40}::int) as i returning id`.execute(raw);
  const { rows: cars } = await sql<{ id: string }>`
    select id from cars where vin like 'WBOOK%' order by vin`.execute(raw);
  const carAt = (i: number) => cars[(i * 7919) % cars.length]?.id ?? '';

  // A free hour for create number i: 31 days ahead (inside the seeded range, so the gist index
  // has neighbours; that day holds 10:00-11:00 test drives), 13:00-16:00 UTC, a different car each time.
  const day = new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 10);
  const startOf = (i: number) => new Date(`${day}T${13 + (Math.floor(i / cars.length) % 4)}:00:00.000Z`);
  const create = (i: number) =>
    staff.bookings.create({ carId: carAt(i), kind: 'test_drive', startAt: startOf(i), customerId: fresh[i]?.id ?? '' });
  const slotDate = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const weekFrom = new Date(Date.now() + 7 * 86_400_000);
  const weekTo = new Date(weekFrom.getTime() + 7 * 86_400_000);

  console.log(`\nPostgreSQL, ${runs} calls each, through the procedures (client ${mine[0]?.n} bookings)\n`);
  await measure('bookings.create (test drive, staff for a customer)', create);
  await measure('inventory.slots (one car, one day)', (i) =>
    anonymous.inventory.slots({ carId: carAt(i), date: slotDate }),
  );
  await measure('bookings.list one client (own + own cars), page 1', () => client.bookings.list({ limit: 20 }));
  await measure('bookings.list customerId filter (staff), page 1', () =>
    staff.bookings.list({ customerId: clientUser.user.id, limit: 20 }),
  );
  await measure('bookings.list one-week window (staff), page 1', () =>
    staff.bookings.list({ from: weekFrom, to: weekTo, limit: 20 }),
  );
  await measure('bookings.list one-week window, sort startAt, page 1', () =>
    staff.bookings.list({ from: weekFrom, to: weekTo, limit: 20, sort: 'startAt' }),
  );

  // The clash check the exclusion constraint runs on every insert, as the query it amounts to.
  const probeCar = carAt(1);
  const probeStart = startOf(1);
  await explain(
    'create path: the clash check (what bookings_no_overlap looks up on insert)',
    CompiledQuery.raw(
      `select id from bookings where car_id = $1 and tstzrange(start_at, end_at) && tstzrange($2, $3)
       and status in ('pending', 'approved')`,
      [probeCar, probeStart, new Date(probeStart.getTime() + 3_600_000)],
    ),
  );
  const createQueries = await queriesOf(() => create(runs + 30));
  for (const query of createQueries.filter((q) => /^select/i.test(q.sql))) {
    await explain('create path: select', query);
  }
  for (const [label, call] of [
    ['inventory.slots', () => anonymous.inventory.slots({ carId: probeCar, date: slotDate })],
    ['bookings.list one client', () => client.bookings.list({ limit: 20 })],
    ['bookings.list one-week window (staff)', () => staff.bookings.list({ from: weekFrom, to: weekTo, limit: 20 })],
  ] as const) {
    const queries = await queriesOf(call);
    const main = queries.filter((q) => /from "bookings"/.test(q.sql)).at(-1);
    if (main) await explain(label, main);
  }
  // Leave the database as seeded, so a second run measures the same thing.
  await sql`delete from bookings where customer_id in (select id from users where username like ${`fresh_${stamp}_%`})`.execute(
    raw,
  );
} finally {
  await db.destroy();
}

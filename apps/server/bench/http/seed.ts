/**
 * The benchmark's data set, made in SQL with generate_series so it takes seconds, not minutes:
 * 100,000 stock cars over ten makes, two clients with 100 and 1,000 garage cars, and 1,000,000
 * bookings (ten per stock car, one week apart, so the exclusion constraints hold). A marker
 * table says it is done; a seeded database is reused as it is.
 */
import { migrateToLatest } from '@carhub/db';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';

export const BENCH_USERS = { small: 'bench_owner_100', large: 'bench_owner_1000' } as const;
export const MAKES = ['Toyota', 'Ford', 'Skoda', 'Volkswagen', 'Renault', 'Peugeot', 'Kia', 'Hyundai', 'Opel', 'Fiat'];

/** Creates the database when missing (connecting to `postgres` on the same server). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

export async function seedBench(db: Kysely<any>, log: (line: string) => void): Promise<void> {
  await migrateToLatest(db);
  await sql`create table if not exists bench_seed (done_at timestamptz not null)`.execute(db);
  const done = await sql`select 1 from bench_seed`.execute(db);
  if (done.rows.length > 0) {
    log('bench database already seeded: reusing it');
    return;
  }
  const started = Date.now();
  await db.transaction().execute(async (trx) => {
    // The password hash is never checked: the benchmark signs in by creating sessions directly.
    await sql`
      insert into users (username, email, password_hash, first_name, last_name, role)
      values (${BENCH_USERS.small}, 'bench100@example.com', 'x', 'Bench', 'Hundred', 'client'),
             (${BENCH_USERS.large}, 'bench1000@example.com', 'x', 'Bench', 'Thousand', 'client')`.execute(trx);
    await sql`
      insert into cars (owner_id, make, model, year, color, license_plate, plate_normalized, mileage, fuel_type,
                        body_type, transmission, created_at)
      select u.id, (${sql.val(MAKES)}::text[])[1 + g % 10], 'Model ' || (g % 7), 2000 + g % 25, 'blue',
             'GAR-' || g, 'GAR' || g, g * 13 % 200000, 'petrol', 'sedan', 'manual',
             now() - make_interval(mins => g)
      from users u, generate_series(1, case when u.username = ${BENCH_USERS.small} then 100 else 1000 end) g
      where u.username in (${BENCH_USERS.small}, ${BENCH_USERS.large})`.execute(trx);
    await sql`
      insert into cars (make, model, year, color, mileage, fuel_type, body_type, transmission, price, status, notes,
                        created_at)
      select (${sql.val(MAKES)}::text[])[1 + g % 10], 'Model ' || (g % 7), 2000 + g % 25, 'red', g * 7 % 300000,
             (array['petrol','diesel','hybrid','electric'])[1 + g % 4], (array['sedan','suv','wagon'])[1 + g % 3],
             (array['manual','automatic'])[1 + g % 2], 3000 + (g * 37 % 97000), 'available', 'staff only',
             now() - make_interval(secs => g)
      from generate_series(1, 100000) g`.execute(trx);
    // Ten test drives per stock car, a week apart, all in the past; the latest one of every
    // hundredth car is the 100-car owner's, so bookings.list has a thousand for that client.
    await sql`
      insert into bookings (car_id, kind, status, start_at, end_at, customer_id, customer_name)
      select c.id, 'test_drive', 'completed', t.start_at, t.start_at + interval '1 hour',
             case when c.n % 100 = 0 and w = 9 then (select id from users where username = ${BENCH_USERS.small}) end,
             'Walk-in ' || w
      from (select id, row_number() over (order by id) as n from cars where owner_id is null) c,
           generate_series(0, 9) w,
           lateral (select timestamptz '2025-01-06 10:00Z' + make_interval(weeks => w) as start_at) t`.execute(trx);
    await sql`insert into bench_seed (done_at) values (now())`.execute(trx);
  });
  await sql`analyze`.execute(db);
  log(`seeded the bench database in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

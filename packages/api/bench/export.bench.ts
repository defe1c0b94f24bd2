/**
 * CSV export benchmark (not a test): seeds 100,000 cars (stock and garage), 100,000 bookings
 * and 100,000 sales, then downloads each export whole through runCsvExport, the function behind
 * GET /api/admin/export/{cars,bookings,sales}.csv, printing rows/s and the peak RSS and heap
 * seen while it ran (process.memoryUsage sampled every 20 ms). Memory should stay flat: one
 * batch of EXPORT_BATCH_SIZE rows is held at a time, never the whole export.
 *
 *   pnpm --filter @carhub/api bench:export                      # embedded PGlite, in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/carhub_bench pnpm --filter @carhub/api bench:export
 *   node --expose-gc --max-old-space-size=64 --import tsx bench/export.bench.ts   # a 64 MiB heap cap, GC between exports
 */
import { performance } from 'node:perf_hooks';
import { createDb, migrateToLatest } from '@carhub/db';
import { sql } from 'kysely';
import { createContextInner } from '../src/context';
import { sessionsFor } from '../src/domain/auth/sessions';
import { type CsvExport, csvExports, EXPORT_BATCH_SIZE, runCsvExport } from '../src/domain/exports/index';

const url = process.env.DATABASE_URL ?? 'memory://';
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const MiB = 1024 * 1024;
const mib = (bytes: number) => (bytes / MiB).toFixed(0);

const db = createDb(url);
try {
  await migrateToLatest(db);
  const raw = db.withoutPlugins();
  const seeded = performance.now();
  await sql`
    insert into users (username, email, password_hash, first_name, last_name, role, commission_rate)
    values ('bench_admin', 'bench_admin@bench.test', 'not-a-hash', 'Bench', 'Admin', 'admin', 5)
    on conflict do nothing`.execute(raw);
  await sql`
    insert into users (username, email, password_hash, first_name, last_name)
    select 'export_' || i, 'export_' || i || '@bench.test', 'not-a-hash', 'Bench', 'Owner ' || i
    from generate_series(1, 100) as i on conflict do nothing`.execute(raw);
  // Half stock, half garage cars, with notes long enough that rows weigh something (~250 bytes).
  await sql`
    insert into cars (owner_id, make, model, year, color, vin, mileage, notes, fuel_type, body_type, transmission, price, status)
    select case when i % 2 = 0 then null else (select id from users where username = 'export_' || (1 + i % 100)) end,
           (array['Toyota','Volkswagen','BMW','Ford','Tesla'])[1 + i % 5], 'Model ' || i % 13, 1995 + i % 30,
           'Blue, "metallic"', 'WEXBNC' || lpad(i::text, 11, '0'), i * 7 % 300000,
           'Serviced ' || i || ' times; =cmd() in notes must come out neutralised in the spreadsheet',
           'petrol', 'sedan', 'manual',
           case when i % 2 = 0 then 1000 + i % 90000 + 0.99 end,
           case when i % 2 = 0 then 'available' end
    from generate_series(1, ${ROWS}::int) as i`.execute(raw);
  // One completed booking and one sale per car: neither needs the overlap or stock rules here,
  // only rows of realistic width.
  await sql`
    insert into bookings (car_id, kind, status, start_at, end_at, customer_id, customer_name, notes)
    select c.id, 'rental', 'completed', now() - interval '30 days' + (n % 1000) * interval '1 hour',
           now() - interval '30 days' + (n % 1000 + 2) * interval '1 hour',
           (select id from users where username = 'export_' || (1 + n % 100)), 'Bench Owner ' || n % 100,
           '@SUM(A1) returned the car clean, "full" tank'
    from (select id, row_number() over (order by id) as n from cars) as c`.execute(raw);
  await sql`
    insert into sales (car_id, customer_id, staff_id, price, commission_rate, commission, car_make, car_model, car_year, car_vin, notes, sold_at)
    select c.id, (select id from users where username = 'export_' || (1 + c.n % 100)),
           (select id from users where username = 'bench_admin'),
           1000 + c.n % 90000 + 0.99, 5, round((1000 + c.n % 90000 + 0.99) * 0.05, 2),
           c.make, c.model, c.year, c.vin, '+1 555 0100, paid "cash"', now() - c.n * interval '1 second'
    from (select id, make, model, year, vin, row_number() over (order by id) as n from cars) as c`.execute(raw);
  await sql`analyze`.execute(raw);
  console.log(
    `engine ${url.startsWith('postgres') ? 'postgresql' : 'pglite'}, batch ${EXPORT_BATCH_SIZE} rows; ` +
      `seeded ${ROWS} cars, bookings and sales in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
  );

  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'bench_admin')
    .executeTakeFirstOrThrow();
  const { token } = await sessionsFor(db).create(admin.id, { userAgent: 'bench', ip: null });
  const ctx = await createContextInner({ db, token });

  const exports: Array<[string, CsvExport<object, unknown>]> = Object.entries(csvExports);
  for (const [name, csvExport] of exports) {
    global.gc?.();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sample = () => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    };
    const sampler = setInterval(sample, 20);

    const started = performance.now();
    let bytes = 0;
    let lines = 0;
    for await (const chunk of await runCsvExport(ctx, csvExport, {})) {
      bytes += Buffer.byteLength(chunk);
      lines += chunk.split('\r\n').length - 1;
      sample();
    }
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${name}.csv: ${lines - 1} rows, ${(bytes / MiB).toFixed(1)} MiB in ${seconds.toFixed(1)} s ` +
        `(${Math.round((lines - 1) / seconds)} rows/s); before: rss ${mib(baseline.rss)} MiB, heap ${mib(baseline.heapUsed)} MiB; ` +
        `peak: rss ${mib(peakRss)} MiB (+${mib(peakRss - baseline.rss)}), heap ${mib(peakHeap)} MiB (+${mib(peakHeap - baseline.heapUsed)})`,
    );
  }
} finally {
  await db.destroy();
}

/**
 * CSV export benchmark (not a test): seeds 100,000 cars (stock and garage), exports them all
 * through exportCarsCsv, the function behind GET /api/admin/export/cars.csv, and prints the
 * peak RSS and heap seen while it ran (process.memoryUsage sampled every 20 ms). Memory should
 * stay flat: one batch of EXPORT_BATCH_SIZE rows is held at a time, never the whole export.
 *
 *   pnpm --filter @carhub/api bench:export                      # embedded PGlite, in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/carhub_bench pnpm --filter @carhub/api bench:export
 *   node --max-old-space-size=64 --import tsx bench/export.bench.ts   # the heap cap experiment
 */
import { performance } from 'node:perf_hooks';
import { createDb, migrateToLatest } from '@carhub/db';
import { sql } from 'kysely';
import { sessionsFor } from '../src/auth/sessions';
import { createContextInner } from '../src/context';
import { EXPORT_BATCH_SIZE, exportCarsCsv } from '../src/exports/cars-export';

const url = process.env.DATABASE_URL ?? 'memory://';
const CARS = Number(process.env.BENCH_CARS ?? 100_000);
const MiB = 1024 * 1024;

const db = createDb(url);
try {
  await migrateToLatest(db);
  const raw = db.withoutPlugins();
  const seeded = performance.now();
  await sql`
    insert into users (username, email, password_hash, first_name, last_name, role)
    values ('bench_admin', 'bench_admin@bench.test', 'not-a-hash', 'Bench', 'Admin', 'admin')
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
    from generate_series(1, ${CARS}::int) as i`.execute(raw);
  await sql`analyze`.execute(raw);
  console.log(`seeded ${CARS} cars in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'bench_admin')
    .executeTakeFirstOrThrow();
  const { token } = await sessionsFor(db).create(admin.id, { userAgent: 'bench', ip: null });
  const ctx = await createContextInner({ db, token });

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
  for await (const chunk of await exportCarsCsv(ctx, {})) {
    bytes += Buffer.byteLength(chunk);
    lines += chunk.split('\r\n').length - 1;
    sample();
  }
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;

  console.log(
    [
      `engine ${url.startsWith('postgres') ? 'postgresql' : 'pglite'}, batch ${EXPORT_BATCH_SIZE} rows`,
      `exported ${lines - 1} rows, ${(bytes / MiB).toFixed(1)} MiB of CSV in ${seconds.toFixed(1)} s (${Math.round((lines - 1) / seconds)} rows/s)`,
      `before export: rss ${(baseline.rss / MiB).toFixed(0)} MiB, heap ${(baseline.heapUsed / MiB).toFixed(0)} MiB`,
      `peak during export: rss ${(peakRss / MiB).toFixed(0)} MiB (+${((peakRss - baseline.rss) / MiB).toFixed(0)}), heap ${(peakHeap / MiB).toFixed(0)} MiB (+${((peakHeap - baseline.heapUsed) / MiB).toFixed(0)})`,
    ].join('\n'),
  );
} finally {
  await db.destroy();
}

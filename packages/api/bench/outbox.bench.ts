/**
 * The outbox on PostgreSQL: worker throughput with one and with two workers (events/s), and
 * what the outbox write adds to a booking approval (p50, p99).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm --filter @carhub/api bench:outbox
 *
 * (TEST_DATABASE_URL works too.) Creates a throwaway database on that server and drops it after.
 *
 * Throughput: for each run enqueues EVENTS events (default 2000), each with an in-app delivery
 * to one user and a signed webhook to a receiver on loopback, then times the workers until
 * nothing is pending. Each worker is its own process (as `pnpm cli worker` would be), with a
 * pool of 5 connections. E-mail is left out: it measures the SMTP server more than the outbox.
 *
 * Approval latency: RUNS (default 300) approvals of pending test drives by a staff member, one
 * at a time, the same transaction body as bookings.approve (lock the booking, check, update)
 * with and without its outbox write (one event, in-app + e-mail for the customer, one webhook),
 * alternating so load on the machine touches both alike. No worker runs meanwhile.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { createContextInner } from '../src/context';
import { findBooking } from '../src/domain/bookings/queries';
import { changeStatus, runTransition } from '../src/domain/bookings/run-transition';
import { enqueue } from '../src/domain/notifications/enqueue';
import { createCaller } from '../src/root';
import { percentile } from './percentile';

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!url?.startsWith('postgres')) {
  console.error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server.');
  process.exit(1);
}
process.env.TEST_DATABASE_URL = url;
const events = Number(process.env.EVENTS ?? 2000);
const batchSize = Number(process.env.BATCH ?? 50);
const runs = Number(process.env.RUNS ?? 300);

const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(204).end());
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const t = await createTestDatabase();
try {
  const { id: userId } = await t.db
    .insertInto('users')
    .values({ username: 'bench', email: 'bench@example.com', passwordHash: 'x', firstName: 'B', lastName: 'U' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('webhookEndpoints')
    .values({ url: hookUrl, events: ['booking.approved'], secret: 'bench-secret-bench-secret' })
    .execute();

  await throughput(t, userId);
  await approvalLatency(t, userId);
} finally {
  await t.destroy();
  receiver.close();
}

async function throughput(t: TestDatabase, userId: string) {
  for (const workers of [1, 2]) {
    await t.db.deleteFrom('outboxEvents').execute();
    await t.db.deleteFrom('notifications').execute();
    for (let i = 0; i < events; i += 500) {
      await t.db.transaction().execute(async (trx) => {
        for (let j = i; j < Math.min(events, i + 500); j += 1) {
          await enqueue(trx, {
            type: 'booking.approved',
            recipients: [userId],
            payload: {
              bookingId: crypto.randomUUID(),
              carId: crypto.randomUUID(),
              kind: 'rental',
              carLabel: 'bench car',
              startAt: '2030-01-01T10:00:00.000Z',
              endAt: '2030-01-02T10:00:00.000Z',
            },
          });
        }
      });
    }
    // Only in-app and webhook: e-mail deliveries are cancelled up front.
    await t.db.updateTable('outboxDeliveries').set({ status: 'cancelled' }).where('channel', '=', 'email').execute();
    // Held back until every worker process is up, so start-up time is not counted.
    await t.db.updateTable('outboxDeliveries').set({ nextAttemptAt: sql`now() + interval '1 hour'` }).execute();
    const children = Array.from({ length: workers }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/run-worker.ts'], {
        cwd: new URL('..', import.meta.url).pathname,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: t.url, BATCH: String(batchSize), POOL: '5' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      let ready: () => void = () => {};
      const up = new Promise<void>((resolve) => {
        ready = resolve;
      });
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('worker started')) ready();
      });
      const exited = new Promise<number>((resolve) =>
        child.on('exit', () => resolve(Number(/delivered (\d+)/.exec(out)?.[1] ?? 0))),
      );
      return { child, exited, up };
    });
    await Promise.all(children.map((c) => c.up));
    const started = performance.now();
    await t.db
      .updateTable('outboxDeliveries')
      .set({ nextAttemptAt: sql`now()` })
      .where('status', '=', 'pending')
      .execute();
    for (;;) {
      const { n } = await sql<{ n: number }>`select count(*)::int as n from outbox_deliveries where status = 'pending'`
        .execute(t.db)
        .then((r) => r.rows[0] ?? { n: 0 });
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    for (const { child } of children) child.kill('SIGTERM');
    const perWorker = await Promise.all(children.map((c) => c.exited));
    const deliveries = perWorker.reduce((sum, n) => sum + n, 0);
    console.log(
      `${workers} worker${workers > 1 ? 's' : ' '}: ${events} events (${deliveries} deliveries: in-app + webhook) in ${seconds.toFixed(2)} s = ${Math.round(events / seconds)} events/s, ${Math.round(deliveries / seconds)} deliveries/s (batch ${batchSize}; per worker ${perWorker.join(' / ')})`,
    );
  }
}

async function approvalLatency(t: TestDatabase, customerId: string) {
  await t.db.deleteFrom('outboxEvents').execute();
  const password = 'bench-password-long-1';
  const anonymous = createCaller(await createContextInner({ db: t.db }));
  const staffUser = await anonymous.auth.register({
    username: 'bench_staff',
    email: 'bench_staff@example.com',
    password,
    passwordConfirm: password,
    firstName: 'Bench',
    lastName: 'Staff',
  });
  await t.db.updateTable('users').set({ role: 'staff' }).where('id', '=', staffUser.user.id).execute();
  const ctx = await createContextInner({ db: t.db, token: staffUser.token });
  if (!ctx.auth) throw new Error('the staff session did not validate');
  const staff = { ...ctx, auth: ctx.auth };

  // Pending test drives on 50 stock cars, eight one-hour slots a day from tomorrow (no two overlap).
  const warmup = 20;
  const cars = 50;
  await sql`
    insert into cars (make, model, year, fuel_type, body_type, transmission, price, status)
    select 'Bench', 'Car ' || i, 2020, 'petrol', 'sedan', 'manual', 10000, 'available'
    from generate_series(1, ${cars}::int) as i`.execute(t.db);
  const { rows: bookings } = await sql<{ id: string }>`
    with c as (select id, row_number() over (order by id) - 1 as n from cars where make = 'Bench')
    insert into bookings (car_id, kind, status, start_at, end_at, customer_id, customer_name, created_by)
    select c.id, 'test_drive', 'pending', s.start_at, s.start_at + interval '1 hour', ${customerId}, 'B U', ${customerId}
    from generate_series(0, ${2 * (runs + warmup)}::int - 1) as i
    join c on c.n = i % ${cars}
    cross join lateral (select date_trunc('day', now()) + (1 + (i / ${cars}) / 8) * interval '1 day'
                               + (9 + (i / ${cars}) % 8) * interval '1 hour' as start_at) as s
    returning id`.execute(t.db);
  await sql`analyze`.execute(t.db);

  const variants = {
    without: (id: string) =>
      t.db.transaction().execute(async (trx) =>
        changeStatus(trx, staff.auth, await findBooking(trx, id, { forUpdate: true }), 'approve', {
          now: new Date(),
        }),
      ),
    with: (id: string) => runTransition(staff, id, 'approve'),
  };
  const times = { without: [] as number[], with: [] as number[] };
  for (let i = 0; i < runs + warmup; i += 1) {
    // Alternating which goes first, so a drift in the machine's load touches both alike.
    const order = i % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const);
    for (const [k, variant] of order.entries()) {
      const id = bookings[2 * i + k]?.id ?? '';
      const started = performance.now();
      await variants[variant](id);
      if (i >= warmup) times[variant].push(performance.now() - started);
    }
  }
  const { n: deliveries } = await t.db
    .selectFrom('outboxDeliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const p = (variant: keyof typeof times, q: number) =>
    percentile(
      [...times[variant]].sort((a, b) => a - b),
      q,
    );
  const ms = (v: number, sign = '') => `${sign}${v.toFixed(2)}`.padStart(8);
  console.log(`\nbookings.approve transaction, ${runs} approvals each (alternating, one at a time):`);
  console.log(`  without the outbox write  p50 ${ms(p('without', 50))} ms   p99 ${ms(p('without', 99))} ms`);
  console.log(
    `  with the outbox write     p50 ${ms(p('with', 50))} ms   p99 ${ms(p('with', 99))} ms   (1 event, ${Number(deliveries) / (runs + warmup)} deliveries each: in-app, e-mail, webhook)`,
  );
  const diff = (q: number) => p('with', q) - p('without', q);
  console.log(`  added by the outbox write p50 ${ms(diff(50), '+')} ms   p99 ${ms(diff(99), '+')} ms`);
}

/**
 * Outbox throughput on PostgreSQL with one and with two workers (events/s).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm --filter @carhub/api bench:outbox
 *
 * (TEST_DATABASE_URL works too.) Creates a throwaway database on that server, and for each run
 * enqueues EVENTS events (default 2000), each with an in-app delivery to one user and a signed
 * webhook to a receiver on loopback, then times the workers until nothing is pending. Each
 * worker is its own process (as `pnpm cli worker` would be), with a pool of 5 connections.
 * E-mail is left out: it measures the SMTP server more than the outbox.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { enqueue } from '../src/notifications/enqueue';

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!url?.startsWith('postgres')) {
  console.error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server.');
  process.exit(1);
}
process.env.TEST_DATABASE_URL = url;
const events = Number(process.env.EVENTS ?? 2000);
const batchSize = Number(process.env.BATCH ?? 50);

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
} finally {
  await t.destroy();
  receiver.close();
}

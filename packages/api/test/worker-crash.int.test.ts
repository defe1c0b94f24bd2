import { type ChildProcess, spawn } from 'node:child_process';
import { createTestDatabase, type TestDatabase, testServerUrl } from '@carhub/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enqueue } from '../src/domain/notifications/enqueue';
import { callerFor, setRole, signUp } from './helpers';
import { startReceiver, until } from './notify-helpers';

/**
 * A real crash: the worker runs as its own process and is killed with SIGKILL while a webhook
 * delivery it claimed is in flight. Needs a second connection to the same database, so it runs
 * on PostgreSQL only (the in-process version in outbox.int.test.ts covers PGlite).
 */
let t: TestDatabase;
beforeAll(async () => {
  if (testServerUrl()) t = await createTestDatabase();
});
afterAll(() => t?.destroy());

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/run-worker.ts'], {
    cwd: new URL('..', import.meta.url).pathname,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: t.url, LEASE_MS: '1500' },
    stdio: 'ignore',
  });
  return child;
}

it.skipIf(!testServerUrl())(
  'a worker killed mid-delivery: after restart the delivery is made once',
  async () => {
    const receiver = await startReceiver({
      // The first request is held until the worker is dead, so its answer never arrives.
      respond: ({ index }) => (index === 0 ? { status: 200, delayMs: 3000 } : { status: 200 }),
    });
    const children: ChildProcess[] = [];
    try {
      const customer = await signUp(t.db);
      const admin = await signUp(t.db);
      await setRole(t.db, admin.user.id, 'admin');
      const created = await (
        await callerFor(t.db, { token: admin.token, settings: { webhookAllowPrivateTargets: true } })
      ).admin.webhooks.create({
        url: receiver.url,
        events: ['sale.created'],
      });
      receiver.setSecret(created.secret);
      const { eventId } = await t.db.transaction().execute((trx) =>
        enqueue(trx, {
          type: 'sale.created',
          recipients: [customer.user.id],
          payload: {
            saleId: crypto.randomUUID(),
            carId: crypto.randomUUID(),
            garageCarId: crypto.randomUUID(),
            carLabel: 'car',
            price: '1.00',
          },
        }),
      );
      const key = `${eventId}.webhook.${created.id}`;

      const first = startWorker();
      children.push(first);
      await until(() => receiver.received.length === 1, 20_000, 'the first worker to send');
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const webhook = await t.db
        .selectFrom('outboxDeliveries')
        .select(['status', 'attempts', 'lockedUntil'])
        .where('idempotencyKey', '=', key)
        .executeTakeFirstOrThrow();
      expect(webhook).toMatchObject({ status: 'pending', attempts: 1 });

      const second = startWorker();
      children.push(second);
      await until(
        async () =>
          (
            await t.db
              .selectFrom('outboxDeliveries')
              .select('status')
              .where('idempotencyKey', '=', key)
              .executeTakeFirstOrThrow()
          ).status === 'delivered',
        20_000,
        'the restarted worker to deliver',
      );
      // Sent twice with one Idempotency-Key (at least once; the receiver can de-duplicate), accepted once.
      expect(receiver.received.filter((h) => h.key === key).length).toBe(2);
      expect(receiver.accepted.get(key)).toBe(1);
      const attempts = await t.db
        .selectFrom('webhookAttempts')
        .innerJoin('outboxDeliveries', 'outboxDeliveries.id', 'webhookAttempts.deliveryId')
        .select(['webhookAttempts.attempt', 'webhookAttempts.statusCode'])
        .where('outboxDeliveries.idempotencyKey', '=', key)
        .execute();
      expect(attempts).toEqual([{ attempt: 2, statusCode: 200 }]);
      const inApp = await t.db
        .selectFrom('notifications')
        .select('id')
        .where('idempotencyKey', 'like', `${eventId}.%`)
        .execute();
      expect(inApp).toHaveLength(1);
      const all = await t.db.selectFrom('outboxDeliveries').select('status').where('eventId', '=', eventId).execute();
      expect(all.every((d) => d.status === 'delivered')).toBe(true);
    } finally {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      await receiver.close();
    }
  },
  60_000,
);

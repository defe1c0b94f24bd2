import { createDb, type Database } from '@carhub/db';
import { createTestDatabase, type TestDatabase, testServerUrl } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from '../src/domain/notifications/enqueue';
import type { NotificationEvent } from '../src/domain/notifications/events';
import { claimDeliveries } from '../src/domain/notifications/outbox-queries';
import { callerFor, setRole, signUp } from './helpers';
import { drain, startReceiver, startSmtpServer, testWorker, until } from './notify-helpers';

let t: TestDatabase;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let customer: Awaited<ReturnType<typeof signUp>>;
let admin: Awaited<ReturnType<typeof signUp>>;
let webhookId: string;
let webhookSecret: string;
let respond: (hook: { key: string; index: number }) => { status: number; delayMs?: number };

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpServer();
  receiver = await startReceiver({ respond: (hook) => respond(hook) });
  customer = await signUp(t.db);
  admin = await signUp(t.db);
  await setRole(t.db, admin.user.id, 'admin');
  const adminCaller = await callerFor(t.db, { token: admin.token, settings: { webhookAllowPrivateTargets: true } });
  const created = await adminCaller.admin.webhooks.create({
    url: receiver.url,
    events: ['booking.approved', 'booking.cancelled', 'sale.created'],
  });
  receiver.setSecret(created.secret);
  webhookId = created.id;
  webhookSecret = created.secret;
});
afterAll(async () => {
  await receiver?.close();
  await smtp?.close();
  await t?.destroy();
});
beforeEach(() => {
  respond = () => ({ status: 200 });
});

const booking = (type: 'booking.approved' | 'booking.cancelled', recipients: string[]): NotificationEvent => ({
  type,
  recipients,
  payload: {
    bookingId: crypto.randomUUID(),
    carId: crypto.randomUUID(),
    kind: 'test_drive',
    carLabel: '2019 Toyota Corolla',
    startAt: '2030-03-02T09:00:00.000Z',
    endAt: '2030-03-02T10:00:00.000Z',
  },
});

async function deliveriesOf(db: Database, eventId: string) {
  return db
    .selectFrom('outboxDeliveries')
    .select(['channel', 'status', 'attempts', 'idempotencyKey'])
    .where('eventId', '=', eventId)
    .orderBy('channel')
    .execute();
}

describe('the outbox', () => {
  it('an event produces exactly one delivery per channel, each delivered once', async () => {
    const { eventId } = await t.db
      .transaction()
      .execute((trx) => enqueue(trx, booking('booking.approved', [customer.user.id])));
    expect((await deliveriesOf(t.db, eventId)).map((d) => d.channel)).toEqual(['email', 'in_app', 'webhook']);

    const mailsBefore = smtp.messages.length;
    const worker = testWorker(t.db, { smtpUrl: smtp.url });
    await drain(worker);
    await drain(worker);

    expect((await deliveriesOf(t.db, eventId)).every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
    const inApp = await customer.caller.notifications.list({});
    expect(inApp.items.filter((n) => n.data.bookingId !== undefined)).toHaveLength(1);
    expect(inApp.items[0]).toMatchObject({ type: 'booking.approved', title: expect.stringContaining('approved') });

    const mails = smtp.messages.slice(mailsBefore);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual([customer.user.email]);
    expect(mails[0]?.messageId).toBe(`<${eventId}.email.${customer.user.id}@carhub>`);
    expect(mails[0]?.raw).toMatch(/Content-Type: text\/plain/);
    expect(mails[0]?.raw).toMatch(/Content-Type: text\/html/);

    const hooks = receiver.received.filter((h) => JSON.parse(h.body).id === eventId);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ verified: true, status: 200, key: `${eventId}.webhook.${webhookId}` });
    expect(hooks[0]?.headers['x-carhub-event']).toBe('booking.approved');
    expect(JSON.parse(hooks[0]?.body ?? '{}')).toMatchObject({
      type: 'booking.approved',
      data: { kind: 'test_drive' },
    });
  });

  it('a recipient named twice still gets one delivery per channel', async () => {
    const { eventId, deliveries } = await t.db
      .transaction()
      .execute((trx) => enqueue(trx, booking('booking.cancelled', [customer.user.id, customer.user.id])));
    expect(deliveries).toBe(3);
    expect((await deliveriesOf(t.db, eventId)).map((d) => d.channel)).toEqual(['email', 'in_app', 'webhook']);
    await drain(testWorker(t.db, { smtpUrl: smtp.url }));
  });

  it('an event in a rolled-back transaction sends nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('outboxEvents')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const hooksBefore = receiver.received.length;
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueue(trx, booking('booking.cancelled', [customer.user.id]));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await count()).toBe(before);
    expect(await testWorker(t.db).runOnce()).toBe(0);
    expect(receiver.received.length).toBe(hooksBefore);
  });

  it('a webhook receiver can tell a tampered body from a signed one', async () => {
    const signed = receiver.received.find((h) => h.verified);
    expect(signed).toBeDefined();
    const header = String(signed?.headers['x-carhub-signature']);
    const tampered = (signed?.body ?? '').replace('test_drive', 'rental');
    const res = await fetch(receiver.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-carhub-signature': header, 'idempotency-key': 'forged' },
      body: tampered,
    });
    expect(res.status).toBe(401);
    expect(receiver.received.at(-1)?.verified).toBe(false);
    expect(receiver.accepted.has('forged')).toBe(false);
  });

  it('a worker that dies between claiming and finishing: after the lease, the delivery is made once', async () => {
    const { eventId } = await t.db
      .transaction()
      .execute((trx) => enqueue(trx, booking('booking.approved', [customer.user.id])));
    // The "dead" worker: claims everything due and never finishes.
    const claimed = await claimDeliveries(t.db, { claimId: crypto.randomUUID(), limit: 100, leaseMs: 60_000 });
    expect(claimed.filter((d) => d.eventId === eventId)).toHaveLength(3);
    const survivor = testWorker(t.db, { smtpUrl: smtp.url });
    expect(await survivor.runOnce()).toBe(0);

    // The lease runs out (moved into the past rather than waited for).
    await t.db
      .updateTable('outboxDeliveries')
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where('eventId', '=', eventId)
      .execute();
    await drain(survivor);
    const deliveries = await deliveriesOf(t.db, eventId);
    expect(deliveries.every((d) => d.status === 'delivered' && d.attempts === 2)).toBe(true);
    const rows = await t.db
      .selectFrom('notifications')
      .select('id')
      .where('idempotencyKey', 'like', `${eventId}.%`)
      .execute();
    expect(rows).toHaveLength(1);
    expect(receiver.accepted.get(`${eventId}.webhook.${webhookId}`)).toBe(1);

    // Even a redelivery of the in-app row (a crash after the insert) adds nothing: same key.
    await t.db
      .updateTable('outboxDeliveries')
      .set({ status: 'pending', nextAttemptAt: sql`now()` })
      .where('eventId', '=', eventId)
      .where('channel', '=', 'in_app')
      .execute();
    await drain(survivor);
    expect(
      await t.db.selectFrom('notifications').select('id').where('idempotencyKey', 'like', `${eventId}.%`).execute(),
    ).toHaveLength(1);
  });

  it('a 500 from the receiver is retried with growing waits, and every attempt is in the delivery log', async () => {
    respond = ({ key }) => {
      const seen = receiver.received.filter((h) => h.key === key).length;
      return { status: seen < 2 ? 500 : 200 };
    };
    const { eventId } = await t.db
      .transaction()
      .execute((trx) => enqueue(trx, { ...booking('booking.cancelled', []) }));
    const key = `${eventId}.webhook.${webhookId}`;
    const worker = testWorker(t.db, { backoff: { baseMs: 300, capMs: 5000 } });
    worker.start();
    try {
      await until(() => receiver.accepted.has(key), 10_000, 'the third attempt');
    } finally {
      await worker.stop();
    }
    const hooks = receiver.received.filter((h) => h.key === key);
    expect(hooks.map((h) => h.status)).toEqual([500, 500, 200]);
    expect(hooks.every((h) => h.verified)).toBe(true);
    const [first, second, third] = hooks.map((h) => h.at) as [number, number, number];
    // Equal jitter: the 1st wait is 150-300 ms, the 2nd 300-600 ms.
    expect(second - first).toBeGreaterThanOrEqual(140);
    expect(third - second).toBeGreaterThanOrEqual(290);

    const adminCaller = await callerFor(t.db, { token: admin.token });
    const log = await adminCaller.admin.webhooks.deliveries({ id: webhookId, limit: 3 });
    expect(log.items.map((a) => [a.attempt, a.statusCode, a.deliveryStatus])).toEqual([
      [3, 200, 'delivered'],
      [2, 500, 'delivered'],
      [1, 500, 'delivered'],
    ]);
    expect(log.nextCursor).not.toBeNull();
    const next = await adminCaller.admin.webhooks.deliveries({ id: webhookId, limit: 3, cursor: log.nextCursor ?? '' });
    expect(next.items.map((a) => a.id)).not.toContain(log.items[2]?.id);
  });

  it('gives up after max attempts', async () => {
    respond = () => ({ status: 503 });
    const { eventId } = await t.db.transaction().execute((trx) => enqueue(trx, booking('booking.cancelled', [])));
    const worker = testWorker(t.db, { maxAttempts: 2, backoff: { baseMs: 50, capMs: 50 } });
    worker.start();
    try {
      await until(async () => (await deliveriesOf(t.db, eventId))[0]?.status === 'failed', 10_000, 'failed');
    } finally {
      await worker.stop();
    }
    expect((await deliveriesOf(t.db, eventId))[0]).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('an endpoint failing for more than a day is disabled and every admin is told in-app', async () => {
    respond = () => ({ status: 500 });
    const failingSince = async (interval: string) => {
      await t.db
        .updateTable('webhookEndpoints')
        .set({ firstFailureAt: sql`now() - ${interval}::interval` })
        .where('id', '=', webhookId)
        .execute();
      return t.db.transaction().execute((trx) => enqueue(trx, booking('booking.cancelled', [])));
    };
    const secondAdmin = await signUp(t.db);
    await setRole(t.db, secondAdmin.user.id, 'admin');
    const adminCaller = await callerFor(t.db, { token: admin.token });

    // Failing for 23 hours: still on, the delivery waits for its next attempt (a minute away).
    const early = await failingSince('23 hours');
    await drain(testWorker(t.db, { backoff: { baseMs: 120_000, capMs: 120_000 } }));
    expect((await adminCaller.admin.webhooks.list({})).items[0]).toMatchObject({ isActive: true, disabledAt: null });
    expect((await deliveriesOf(t.db, early.eventId))[0]).toMatchObject({ status: 'pending', attempts: 1 });

    const { eventId } = await failingSince('25 hours');
    await drain(testWorker(t.db));
    await drain(testWorker(t.db));

    const [endpoint] = (await adminCaller.admin.webhooks.list({})).items;
    expect(endpoint).toMatchObject({ isActive: false, disabledReason: expect.stringContaining('day') });
    expect((await deliveriesOf(t.db, eventId))[0]?.status).toBe('failed');
    // The one still waiting for its retry is cancelled with the endpoint.
    expect((await deliveriesOf(t.db, early.eventId))[0]?.status).toBe('cancelled');
    for (const told of [adminCaller, secondAdmin.caller]) {
      const alerts = await told.notifications.list({ unread: true });
      expect(alerts.items.filter((n) => n.type === 'webhook.disabled')).toHaveLength(1);
      expect(alerts.items[0]?.body).toContain(receiver.url);
    }
    expect((await customer.caller.notifications.list({})).items.some((n) => n.type === 'webhook.disabled')).toBe(false);
    // A disabled endpoint gets no new deliveries.
    const later = await t.db.transaction().execute((trx) => enqueue(trx, booking('booking.cancelled', [])));
    expect(later.deliveries).toBe(0);

    // Re-enabled, it starts with a clean slate.
    const again = await adminCaller.admin.webhooks.update({ id: webhookId, isActive: true });
    expect(again).toMatchObject({ isActive: true, firstFailureAt: null, disabledAt: null });
  });

  it('a batch whose record fails is recorded one delivery at a time: the rest is not sent again', async () => {
    const adminCaller = await callerFor(t.db, { token: admin.token, settings: { webhookAllowPrivateTargets: true } });
    const endpoint = () =>
      adminCaller.admin.webhooks.create({ url: receiver.url, events: ['account.created'], secret: webhookSecret });
    const [doomed, kept] = [await endpoint(), await endpoint()];
    respond = ({ key }) => (key.endsWith(kept.id) ? { status: 200, delayMs: 1500 } : { status: 200 });
    const { eventId } = await t.db
      .transaction()
      .execute((trx) => enqueue(trx, { type: 'account.created', recipients: [], payload: { username: 'someone' } }));
    const worker = testWorker(t.db);
    const batch = worker.runOnce();
    await until(() => receiver.received.some((h) => h.key.endsWith(kept.id)), 5000, 'both webhooks sent');
    // Removed while the other answer is awaited: its delivery row goes, so writing its attempt fails.
    await adminCaller.admin.webhooks.delete({ id: doomed.id });
    expect(await batch).toBe(2);
    expect(worker.stats).toMatchObject({ delivered: 1, retried: 1 });
    expect(await deliveriesOf(t.db, eventId)).toEqual([
      { channel: 'webhook', status: 'delivered', attempts: 1, idempotencyKey: `${eventId}.webhook.${kept.id}` },
    ]);
    expect(await worker.runOnce()).toBe(0);
    expect(receiver.received.filter((h) => h.key === `${eventId}.webhook.${kept.id}`)).toHaveLength(1);
    const log = await adminCaller.admin.webhooks.deliveries({ id: kept.id });
    expect(log.items.map((a) => [a.attempt, a.statusCode, a.deliveryStatus])).toEqual([[1, 200, 'delivered']]);
    await adminCaller.admin.webhooks.delete({ id: kept.id });
  });
});

describe.skipIf(!testServerUrl())('two workers on one PostgreSQL database', () => {
  it('1,000 events: each delivery made exactly once, the work shared', async () => {
    respond = () => ({ status: 200 });
    const events = 1000;
    const eventIds: string[] = [];
    for (let i = 0; i < events; i += 100) {
      await t.db.transaction().execute(async (trx) => {
        for (let j = i; j < i + 100; j += 1)
          eventIds.push((await enqueue(trx, booking('booking.approved', [customer.user.id]))).eventId);
      });
    }
    const mailsBefore = smtp.messages.length;
    const dbs = [createDb(t.url, { poolSize: 4 }), createDb(t.url, { poolSize: 4 })];
    const workers = dbs.map((db) => testWorker(db, { smtpUrl: smtp.url, batchSize: 25, pollIntervalMs: 20 }));
    try {
      for (const w of workers) w.start();
      await until(
        async () =>
          Number(
            (
              await t.db
                .selectFrom('outboxDeliveries')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('status', '=', 'pending')
                .executeTakeFirstOrThrow()
            ).n,
          ) === 0,
        120_000,
        'every delivery',
      );
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await Promise.all(dbs.map((db) => db.destroy()));
    }
    const ids = new Set(eventIds);
    const hooks = receiver.received.filter((h) => ids.has(JSON.parse(h.body).id));
    expect(hooks).toHaveLength(events);
    expect(new Set(hooks.map((h) => h.key)).size).toBe(events);
    expect(smtp.messages.length - mailsBefore).toBe(events);
    const inApp = await t.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('type', '=', 'booking.approved')
      .where('userId', '=', customer.user.id)
      .executeTakeFirstOrThrow();
    // +2: the events of the earlier tests that also went to this customer.
    expect(Number(inApp.n)).toBe(events + 2);
    const [a, b] = workers.map((w) => w.stats.delivered) as [number, number];
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(a + b).toBe(events * 3);
  }, 180_000);
});

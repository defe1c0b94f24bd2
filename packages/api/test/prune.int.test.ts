import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneExpired } from '../src/domain/maintenance/prune';
import { enqueue } from '../src/domain/notifications/enqueue';
import { signUp } from './helpers';

/** The worker's pruning: only what has expired goes, a batch at a time. */
let t: TestDatabase;
let userId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  userId = (await signUp(t.db)).user.id;
});
afterAll(() => t.destroy());

const count = async (table: string, where = sql`true`) =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(t.db)).rows[0]?.n,
  );

async function addSession(id: string, expiresInHours: number) {
  await sql`insert into sessions (id, user_id, expires_at) values (${id}, ${userId}, now() + ${expiresInHours} * interval '1 hour')`.execute(
    t.db,
  );
}

/** An event of `ageDays` with one in-app delivery in `status`, and a webhook attempt of the same age. */
async function addEvent(ageDays: number, status: 'pending' | 'delivered' | 'failed' | 'cancelled') {
  const { eventId } = await enqueue(t.db, {
    type: 'account.created',
    recipients: [userId],
    payload: { username: 'x' },
  });
  await sql`update outbox_events set created_at = now() - ${ageDays} * interval '1 day' where id = ${eventId}`.execute(
    t.db,
  );
  await sql`update outbox_deliveries set status = ${status} where event_id = ${eventId}`.execute(t.db);
  return eventId;
}

describe('pruneExpired', () => {
  it('removes expired sessions, stale throttles, used or expired reset tokens and finished old outbox rows only', async () => {
    for (let i = 0; i < 5; i++) await addSession(`expired-${i}`, -1 - i);
    await addSession('live', 24);
    await sql`insert into login_throttle (key, window_start, attempts) values
      ('old', now() - interval '2 days', 3), ('recent', now() - interval '10 minutes', 3)`.execute(t.db);
    await sql`insert into password_reset_tokens (user_id, token_hash, expires_at, used_at) values
      (${userId}, 'used', now() + interval '10 minutes', now()),
      (${userId}, 'expired', now() - interval '1 minute', null),
      (${userId}, 'live', now() + interval '10 minutes', null)`.execute(t.db);
    const oldDelivered = await addEvent(40, 'delivered');
    const oldFailed = await addEvent(40, 'failed');
    const oldCancelled = await addEvent(31, 'cancelled');
    const oldPending = await addEvent(40, 'pending');
    const recent = await addEvent(5, 'delivered');
    const webhook = await sql<{ id: string }>`insert into webhook_endpoints (url, events, secret)
      values ('https://hooks.example/x', '{account.created}', 's') returning id`.execute(t.db);
    const webhookId = webhook.rows[0]?.id;
    const { eventId: hooked } = await enqueue(t.db, {
      type: 'account.created',
      recipients: [],
      payload: { username: 'y' },
    });
    const delivery = await sql<{ id: string }>`select id from outbox_deliveries where event_id = ${hooked}`.execute(
      t.db,
    );
    // The delivery stays pending (its event is kept); one of its attempts is old, one new.
    await sql`insert into webhook_attempts (delivery_id, webhook_id, attempt, duration_ms, created_at) values
      (${delivery.rows[0]?.id}, ${webhookId}, 1, 5, now() - interval '45 days'),
      (${delivery.rows[0]?.id}, ${webhookId}, 2, 5, now() - interval '1 day')`.execute(t.db);

    // Two rows a statement, at most two statements a table: four of the five expired sessions go.
    const first = await pruneExpired(t.db, { retentionDays: 30, batchSize: 2, maxBatches: 2 });
    expect(first.sessions).toBe(4);
    // Left: one expired, 'live' and the sign-up's own session.
    expect(await count('sessions')).toBe(3);
    const second = await pruneExpired(t.db, { retentionDays: 30, batchSize: 2, maxBatches: 2 });
    expect(second.sessions).toBe(1);
    expect(await count('sessions', sql`id like 'expired-%'`)).toBe(0);
    expect(await count('sessions')).toBe(2);

    // Sign-ups leave throttle rows of their own; these two are the ones this test placed.
    expect(
      (
        await sql<{ key: string }>`select key from login_throttle where key in ('old', 'recent')`.execute(t.db)
      ).rows.map((r) => r.key),
    ).toEqual(['recent']);
    expect(
      (await sql<{ tokenHash: string }>`select token_hash from password_reset_tokens`.execute(t.db)).rows.map(
        (r) => r.tokenHash,
      ),
    ).toEqual(['live']);
    const events = (await sql<{ id: string }>`select id from outbox_events`.execute(t.db)).rows.map((r) => r.id);
    expect(events).not.toContain(oldDelivered);
    expect(events).not.toContain(oldFailed);
    expect(events).not.toContain(oldCancelled);
    expect(events).toEqual(expect.arrayContaining([oldPending, recent, hooked]));
    // The pruned events' deliveries went with them; the kept ones' stayed.
    expect(await count('outbox_deliveries', sql`event_id in (${oldDelivered}, ${oldFailed})`)).toBe(0);
    expect(await count('outbox_deliveries', sql`event_id = ${oldPending}`)).toBe(2);
    expect(await count('webhook_attempts')).toBe(1);

    // Nothing left to prune.
    const third = await pruneExpired(t.db, { retentionDays: 30 });
    expect(Object.values(third).every((n) => n === 0)).toBe(true);
  });
});

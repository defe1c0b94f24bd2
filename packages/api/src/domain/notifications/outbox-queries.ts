import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import type { EventType } from './events';

/** A delivery a worker holds the lease on, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  channel: 'in_app' | 'email' | 'webhook';
  idempotencyKey: string;
  attempts: number;
  eventType: EventType;
  payload: unknown;
  privateData: unknown;
  eventCreatedAt: Date;
  recipientId: string | null;
  recipientEmail: string | null;
  recipientFirstName: string | null;
  webhookId: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
  webhookActive: boolean | null;
}

/**
 * Claims up to `limit` due deliveries in one statement: FOR UPDATE SKIP LOCKED lets workers
 * on one PostgreSQL database pick disjoint rows without waiting on each other, and the lease
 * (locked_until) hides the rows from everyone until it runs out, so a worker that dies
 * mid-delivery leaves them to be claimed again. The attempt is counted at claim time: a
 * delivery that crashes its worker every time still reaches max attempts. The claimed rows
 * come back joined with what sending them needs.
 */
export async function claimDeliveries(
  db: Database,
  args: { claimId: string; limit: number; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  const rows = await db
    .with('d', (qb) =>
      qb
        .updateTable('outboxDeliveries')
        .set({
          lockedUntil: sql`now() + ${args.leaseMs} * interval '1 millisecond'`,
          lockedBy: args.claimId,
          attempts: sql`attempts + 1`,
        })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('outboxDeliveries')
            .select('id')
            .where('status', '=', 'pending')
            .where('nextAttemptAt', '<=', sql<Date>`now()`)
            .where((w) => w.or([w('lockedUntil', 'is', null), w('lockedUntil', '<=', sql<Date>`now()`)]))
            .orderBy('nextAttemptAt')
            .orderBy('id')
            .limit(args.limit)
            .forUpdate()
            .skipLocked(),
        )
        .returning([
          'id',
          'eventId',
          'channel',
          'idempotencyKey',
          'attempts',
          'recipientId',
          'recipientEmail',
          'webhookId',
        ]),
    )
    .selectFrom('d')
    .innerJoin('outboxEvents as e', 'e.id', 'd.eventId')
    .leftJoin('users as u', 'u.id', 'd.recipientId')
    .leftJoin('webhookEndpoints as w', 'w.id', 'd.webhookId')
    .select([
      'd.id',
      'd.eventId',
      'd.channel',
      'd.idempotencyKey',
      'd.attempts',
      'e.type as eventType',
      'e.payload',
      'e.privateData',
      'e.createdAt as eventCreatedAt',
      'd.recipientId',
      // A guest's address is on the delivery; a user's is read now (it may have changed since).
      sql<string | null>`coalesce(d.recipient_email, u.email)`.as('recipientEmail'),
      'u.firstName as recipientFirstName',
      'd.webhookId',
      'w.url as webhookUrl',
      'w.secret as webhookSecret',
      'w.isActive as webhookActive',
    ])
    .execute();
  return rows.map((r) => ({ ...r, eventType: r.eventType as EventType }));
}

/** Marks deliveries done, those this claim still holds (a lease that ran out may have passed to another worker). */
export async function markDelivered(trx: Database, deliveryIds: string[], claimId: string): Promise<void> {
  if (deliveryIds.length === 0) return;
  await trx
    .updateTable('outboxDeliveries')
    .set({ status: 'delivered', deliveredAt: sql`now()`, lockedUntil: null, lastError: null })
    .where('id', 'in', deliveryIds)
    .where('lockedBy', '=', claimId)
    .where('status', '=', 'pending')
    .execute();
}

/** Schedules the next attempt after `delayMs`, or gives up (`failed`) when `delayMs` is null. */
export async function markFailed(
  trx: Database,
  deliveryId: string,
  claimId: string,
  error: string,
  delayMs: number | null,
): Promise<void> {
  await trx
    .updateTable('outboxDeliveries')
    .set(
      delayMs === null
        ? { status: 'failed', lockedUntil: null, lastError: error.slice(0, 1000) }
        : {
            nextAttemptAt: sql`now() + ${delayMs} * interval '1 millisecond'`,
            lockedUntil: null,
            lastError: error.slice(0, 1000),
          },
    )
    .where('id', '=', deliveryId)
    .where('lockedBy', '=', claimId)
    .where('status', '=', 'pending')
    .execute();
}

export async function markCancelled(trx: Database, deliveryId: string, reason: string): Promise<void> {
  await trx
    .updateTable('outboxDeliveries')
    .set({ status: 'cancelled', lockedUntil: null, lastError: reason })
    .where('id', '=', deliveryId)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * A reset token lives in the outbox only while an e-mail still has to carry it: the private
 * data of these events goes once none of their deliveries is pending.
 */
export async function wipePrivateData(trx: Database, eventIds: string[]): Promise<void> {
  if (eventIds.length === 0) return;
  await trx
    .updateTable('outboxEvents')
    .set({ privateData: null })
    .where('id', 'in', eventIds)
    .where('privateData', 'is not', null)
    .where(({ not, exists, selectFrom, ref }) =>
      not(
        exists(
          selectFrom('outboxDeliveries')
            .select('outboxDeliveries.id')
            .whereRef('outboxDeliveries.eventId', '=', ref('outboxEvents.id'))
            .where('outboxDeliveries.status', '=', 'pending'),
        ),
      ),
    )
    .execute();
}

export interface NewNotification {
  userId: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  data: unknown;
  idempotencyKey: string;
  /** When the event happened, not when the worker got to it: the list is in the order things happened. */
  createdAt: Date;
}

/** The in-app channel: each delivery's key makes a second insert (after a crash) a no-op. */
export async function insertNotifications(trx: Database, rows: NewNotification[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('notifications')
    .values(rows.map((row) => ({ ...row, data: JSON.stringify(row.data ?? {}) })))
    .onConflict((oc) => oc.column('idempotencyKey').doNothing())
    .execute();
}

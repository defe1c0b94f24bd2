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
 * Claims up to `limit` due deliveries in one short statement: FOR UPDATE SKIP LOCKED lets
 * workers on one PostgreSQL database pick disjoint rows without waiting on each other, and
 * the lease (locked_until) hides the rows from everyone until it runs out, so a worker that
 * dies mid-delivery leaves them to be claimed again. The attempt is counted at claim time:
 * a delivery that crashes its worker every time still reaches max attempts.
 */
export async function claimDeliveries(
  db: Database,
  args: { claimId: string; limit: number; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  const claimed = await db
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
    .returning('id')
    .execute();
  if (claimed.length === 0) return [];
  const rows = await db
    .selectFrom('outboxDeliveries as d')
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
      'u.email as recipientEmail',
      'u.firstName as recipientFirstName',
      'd.webhookId',
      'w.url as webhookUrl',
      'w.secret as webhookSecret',
      'w.isActive as webhookActive',
    ])
    .where(
      'd.id',
      'in',
      claimed.map((r) => r.id),
    )
    .where('d.lockedBy', '=', args.claimId)
    .execute();
  return rows.map((r) => ({ ...r, eventType: r.eventType as EventType }));
}

/** Marks a delivery done, if this claim still holds it (a lease that ran out may have passed to another worker). */
export async function markDelivered(trx: Database, delivery: ClaimedDelivery, claimId: string): Promise<boolean> {
  const result = await trx
    .updateTable('outboxDeliveries')
    .set({ status: 'delivered', deliveredAt: sql`now()`, lockedUntil: null, lastError: null })
    .where('id', '=', delivery.id)
    .where('lockedBy', '=', claimId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  await wipePrivateData(trx, delivery.eventId);
  return result.numUpdatedRows > 0n;
}

/** Schedules the next attempt after `delayMs`, or gives up (`failed`) when `delayMs` is null. */
export async function markFailed(
  trx: Database,
  delivery: ClaimedDelivery,
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
    .where('id', '=', delivery.id)
    .where('lockedBy', '=', claimId)
    .where('status', '=', 'pending')
    .execute();
  if (delayMs === null) await wipePrivateData(trx, delivery.eventId);
}

export async function markCancelled(trx: Database, delivery: ClaimedDelivery, reason: string): Promise<void> {
  await trx
    .updateTable('outboxDeliveries')
    .set({ status: 'cancelled', lockedUntil: null, lastError: reason })
    .where('id', '=', delivery.id)
    .where('status', '=', 'pending')
    .execute();
  await wipePrivateData(trx, delivery.eventId);
}

/** A reset token lives in the outbox only while an e-mail still has to carry it. */
async function wipePrivateData(trx: Database, eventId: string): Promise<void> {
  await trx
    .updateTable('outboxEvents')
    .set({ privateData: null })
    .where('id', '=', eventId)
    .where('privateData', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outboxDeliveries').select('id').where('eventId', '=', eventId).where('status', '=', 'pending'),
        ),
      ),
    )
    .execute();
}

/** The in-app channel: the delivery's key makes a second insert (after a crash) a no-op. */
export async function insertNotification(
  trx: Database,
  row: {
    userId: string;
    type: string;
    title: string;
    body: string;
    link: string | null;
    data: unknown;
    idempotencyKey: string;
    /** When the event happened, not when the worker got to it: the list is in the order things happened. */
    createdAt: Date;
  },
): Promise<void> {
  await trx
    .insertInto('notifications')
    .values({ ...row, data: JSON.stringify(row.data ?? {}) })
    .onConflict((oc) => oc.column('idempotencyKey').doNothing())
    .execute();
}

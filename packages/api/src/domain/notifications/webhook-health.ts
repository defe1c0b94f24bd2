import type { Database, NewWebhookAttemptRow } from '@carhub/db';
import { sql } from 'kysely';
import { enqueue } from './enqueue';

/** The delivery log (admin.webhooks.deliveries): one row per attempt and what came back. */
export async function recordWebhookAttempts(trx: Database, rows: NewWebhookAttemptRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('webhookAttempts').values(rows).execute();
}

/** A success ends a run of failures. */
export async function recordWebhookSuccess(trx: Database, webhookId: string): Promise<void> {
  await trx
    .updateTable('webhookEndpoints')
    .set({ firstFailureAt: null })
    .where('id', '=', webhookId)
    .where('firstFailureAt', 'is not', null)
    .execute();
}

/**
 * Notes a failure. When the endpoint has failed without a single success for longer than
 * `disableAfterMs` (measured on the database clock, so workers' clocks don't matter), it is
 * disabled, its pending deliveries are cancelled, and every active admin is told in-app, all
 * in the caller's transaction. Returns true when this call disabled it.
 */
export async function recordWebhookFailure(trx: Database, webhookId: string, disableAfterMs: number): Promise<boolean> {
  const endpoint = await trx
    .updateTable('webhookEndpoints')
    .set({ firstFailureAt: sql`coalesce(first_failure_at, now())` })
    .where('id', '=', webhookId)
    .returning([
      'id',
      'url',
      'isActive',
      'firstFailureAt',
      sql<boolean>`first_failure_at <= now() - ${disableAfterMs} * interval '1 millisecond'`.as('expired'),
    ])
    .executeTakeFirst();
  if (!endpoint?.isActive || !endpoint.expired || !endpoint.firstFailureAt) return false;

  await trx
    .updateTable('webhookEndpoints')
    .set({ isActive: false, disabledAt: sql`now()`, disabledReason: 'failing for more than a day' })
    .where('id', '=', webhookId)
    .execute();
  await trx
    .updateTable('outboxDeliveries')
    .set({ status: 'cancelled', lastError: 'endpoint disabled' })
    .where('webhookId', '=', webhookId)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', sql<Date>`now()`)]))
    .execute();
  const admins = await trx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('isActive', '=', true)
    .execute();
  await enqueue(trx, {
    type: 'webhook.disabled',
    recipients: admins.map((a) => a.id),
    payload: { webhookId, url: endpoint.url, failingSince: endpoint.firstFailureAt.toISOString() },
  });
  return true;
}

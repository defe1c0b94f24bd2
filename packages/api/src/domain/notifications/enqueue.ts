import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import { isWebhookEvent, type NotificationEvent, userChannelsFor } from './events';

export interface EnqueueResult {
  eventId: string;
  deliveries: number;
}

/**
 * Writes an event to the outbox: one event row and one delivery row per channel and target,
 * in the caller's transaction (pass `trx`), so a rolled-back change sends nothing and a
 * committed one is never lost. Webhook endpoints are matched now, so an endpoint added later
 * does not receive older events. The worker does the sending.
 */
export async function enqueue(trx: Database, event: NotificationEvent): Promise<EnqueueResult> {
  const { id: eventId } = await trx
    .insertInto('outboxEvents')
    .values({
      type: event.type,
      payload: JSON.stringify(event.payload),
      privateData: 'private' in event ? JSON.stringify(event.private) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // The key names the delivery, not the attempt: it is what receivers de-duplicate on.
  const rows: Array<{
    eventId: string;
    channel: 'in_app' | 'email' | 'webhook';
    recipientId: string | null;
    recipientEmail?: string;
    webhookId: string | null;
    idempotencyKey: string;
  }> = [];
  for (const recipientId of new Set(event.recipients)) {
    for (const channel of userChannelsFor(event.type)) {
      rows.push({
        eventId,
        channel,
        recipientId,
        webhookId: null,
        idempotencyKey: `${eventId}.${channel}.${recipientId}`,
      });
    }
  }
  if (userChannelsFor(event.type).includes('email')) {
    [...new Set(event.guestEmails ?? [])].forEach((recipientEmail, i) => {
      rows.push({
        eventId,
        channel: 'email',
        recipientId: null,
        recipientEmail,
        webhookId: null,
        idempotencyKey: `${eventId}.email.guest${i}`,
      });
    });
  }
  if (isWebhookEvent(event.type)) {
    const endpoints = await trx
      .selectFrom('webhookEndpoints')
      .select('id')
      .where('isActive', '=', true)
      .where(sql<boolean>`${event.type} = any(events)`)
      .execute();
    for (const { id } of endpoints) {
      rows.push({
        eventId,
        channel: 'webhook',
        recipientId: null,
        webhookId: id,
        idempotencyKey: `${eventId}.webhook.${id}`,
      });
    }
  }
  if (rows.length > 0) await trx.insertInto('outboxDeliveries').values(rows).execute();
  return { eventId, deliveries: rows.length };
}

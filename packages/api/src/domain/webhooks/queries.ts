import type { Database, DB } from '@carhub/db';
import type { Insertable, Updateable } from 'kysely';
import { AppError } from '../../errors';
import { type KeysetSort, type PageRequest, paginate } from '../../pagination';
import { assertWebhookTarget, WebhookTargetError } from '../notifications/webhook-target';
import { deliveriesKeyset, webhooksKeyset } from './schemas';

/** What leaves the database about an endpoint: every column but the secret. */
export const webhookColumns = [
  'webhookEndpoints.id',
  'webhookEndpoints.url',
  'webhookEndpoints.description',
  'webhookEndpoints.events',
  'webhookEndpoints.isActive',
  'webhookEndpoints.firstFailureAt',
  'webhookEndpoints.disabledAt',
  'webhookEndpoints.disabledReason',
  'webhookEndpoints.createdAt',
  'webhookEndpoints.updatedAt',
] as const;

/** A URL the server must not call (SSRF) is a 400 on the `url` field. */
export async function assertUrlAllowed(url: string, allowPrivateTargets: boolean): Promise<void> {
  try {
    await assertWebhookTarget(url, allowPrivateTargets);
  } catch (error) {
    if (!(error instanceof WebhookTargetError)) throw error;
    const message = `This URL can't receive webhooks: ${error.message}.`;
    throw new AppError('BAD_REQUEST', message, { fieldErrors: { url: [message] } });
  }
}

export async function findWebhook(db: Database, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('webhookEndpoints').select(webhookColumns).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'No such webhook.');
  return row;
}

export function listWebhooks(db: Database, page: PageRequest<KeysetSort<typeof webhooksKeyset>>) {
  return paginate(db.selectFrom('webhookEndpoints').select(webhookColumns), webhooksKeyset, page);
}

export function insertWebhook(trx: Database, values: Insertable<DB['webhookEndpoints']>) {
  return trx.insertInto('webhookEndpoints').values(values).returning(webhookColumns).executeTakeFirstOrThrow();
}

export function updateWebhook(trx: Database, id: string, changes: Updateable<DB['webhookEndpoints']>) {
  return trx
    .updateTable('webhookEndpoints')
    .set(changes)
    .where('id', '=', id)
    .returning(webhookColumns)
    .executeTakeFirstOrThrow();
}

/** Its pending deliveries and delivery log go with it (foreign keys cascade). */
export async function removeWebhook(trx: Database, id: string): Promise<void> {
  await trx.deleteFrom('webhookEndpoints').where('id', '=', id).execute();
}

/** An endpoint's delivery log: every attempt, with the event it carried and the delivery's state. */
export function listDeliveries(
  db: Database,
  webhookId: string,
  page: PageRequest<KeysetSort<typeof deliveriesKeyset>>,
) {
  const query = db
    .selectFrom('webhookAttempts as a')
    .innerJoin('outboxDeliveries as d', 'd.id', 'a.deliveryId')
    .innerJoin('outboxEvents as e', 'e.id', 'd.eventId')
    .select([
      'a.id',
      'a.deliveryId',
      'd.eventId',
      'e.type as eventType',
      'a.attempt',
      'a.statusCode',
      'a.error',
      'a.durationMs',
      'd.status as deliveryStatus',
      'a.createdAt',
    ])
    .where('a.webhookId', '=', webhookId);
  return paginate(query, deliveriesKeyset, page);
}

import type { Database } from '@carhub/db';
import { AppError } from '../../errors';
import { assertWebhookTarget, WebhookTargetError } from '../notifications/webhook-target';

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

import type { Database } from '@carhub/db';
import {
  type ClaimedDelivery,
  insertNotifications,
  markCancelled,
  markDelivered,
  markFailed,
  type NewNotification,
  wipePrivateData,
} from './outbox-queries';
import { recordWebhookAttempts, recordWebhookFailure, recordWebhookSuccess } from './webhook-health';

/** What a webhook receiver answered to one attempt. */
export interface WebhookAnswer {
  webhookId: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** What came of sending one claimed delivery, still to be written down. */
export type Outcome =
  | { delivery: ClaimedDelivery; result: 'delivered'; notification?: NewNotification; webhook?: WebhookAnswer }
  | { delivery: ClaimedDelivery; result: 'failed'; error: string; permanent: boolean; webhook?: WebhookAnswer }
  | { delivery: ClaimedDelivery; result: 'cancelled'; reason: string };

export interface RecordPolicy {
  /** Wait before the next attempt, or null to give up. */
  retryDelay(delivery: ClaimedDelivery, giveUp: boolean): number | null;
  webhookDisableAfterMs: number;
}

export interface Recorded {
  /** The wait before each failed delivery's next attempt (null: given up). */
  retries: Map<string, number | null>;
  /** Endpoints this recording disabled. */
  disabledWebhooks: string[];
}

/**
 * Writes down what came of a group of deliveries of one claim, in the caller's transaction and
 * a fixed number of statements whatever the group's size: the in-app rows and their marks
 * commit together (that channel is exactly once), webhook attempts go to the delivery log,
 * each endpoint's health is updated once, and failures are scheduled for a retry. The outcomes
 * come in the order they finished: an endpoint's latest answer decides whether it is failing.
 */
export async function recordOutcomes(
  trx: Database,
  claimId: string,
  outcomes: Outcome[],
  policy: RecordPolicy,
): Promise<Recorded> {
  await insertNotifications(
    trx,
    outcomes.flatMap((o) => (o.result === 'delivered' && o.notification ? [o.notification] : [])),
  );
  const answered = outcomes.flatMap((o) =>
    o.result !== 'cancelled' && o.webhook ? [{ ...o, webhook: o.webhook }] : [],
  );
  await recordWebhookAttempts(
    trx,
    answered.map(({ delivery, webhook }) => ({ ...webhook, deliveryId: delivery.id, attempt: delivery.attempts })),
  );
  const latest = new Map(answered.map((o) => [o.webhook.webhookId, o.result === 'delivered']));
  const disabledWebhooks: string[] = [];
  // In id order, so two workers recording at once lock the endpoints in the same order.
  for (const [webhookId, ok] of [...latest].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (ok) await recordWebhookSuccess(trx, webhookId);
    else if (await recordWebhookFailure(trx, webhookId, policy.webhookDisableAfterMs)) disabledWebhooks.push(webhookId);
  }

  await markDelivered(
    trx,
    outcomes.flatMap((o) => (o.result === 'delivered' ? [o.delivery.id] : [])),
    claimId,
  );
  const retries = new Map<string, number | null>();
  for (const o of outcomes) {
    if (o.result === 'cancelled') await markCancelled(trx, o.delivery.id, o.reason);
    if (o.result !== 'failed') continue;
    const disabled = o.webhook !== undefined && disabledWebhooks.includes(o.webhook.webhookId);
    const delay = policy.retryDelay(o.delivery, o.permanent || disabled);
    retries.set(o.delivery.id, delay);
    await markFailed(trx, o.delivery.id, claimId, o.error, delay);
  }
  await wipePrivateData(trx, [...new Set(outcomes.map((o) => o.delivery.eventId))]);
  return { retries, disabledWebhooks };
}

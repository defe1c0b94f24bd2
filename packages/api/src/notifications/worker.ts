import { randomUUID } from 'node:crypto';
import type { Database } from '@carhub/db';
import { type BackoffPolicy, backoffDelay, defaultBackoff } from './backoff';
import type { NotifyLogger } from './logger';
import { silentLogger } from './logger';
import type { Mailer } from './mailer';
import {
  type ClaimedDelivery,
  claimDeliveries,
  insertNotification,
  markCancelled,
  markDelivered,
  markFailed,
} from './outbox-queries';
import { renderMessage } from './templates';
import { recordWebhookAttempt, recordWebhookFailure, recordWebhookSuccess } from './webhook-health';
import { postWebhook, type WebhookOptions } from './webhook-sender';

export interface OutboxWorkerOptions {
  db: Database;
  mailer: Mailer;
  log?: NotifyLogger;
  /** Links in messages start here. */
  publicUrl: string;
  /** Times in messages are shown in this zone. */
  timeZone: string;
  webhook: WebhookOptions;
  /** Deliveries claimed at once (default 20). */
  batchSize?: number;
  /** Wait between polls when nothing was due (default 1000 ms). */
  pollIntervalMs?: number;
  /** How long a claim hides a delivery from other workers (default: 60 s, at least 3 webhook timeouts). */
  leaseMs?: number;
  /** Attempts before a delivery is given up as `failed` (default 10). */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /** An endpoint failing without a break for longer than this is disabled (default 24 h). */
  webhookDisableAfterMs?: number;
}

export interface OutboxWorker {
  readonly id: string;
  /** Claims one batch, delivers it, returns how many were claimed. */
  runOnce(): Promise<number>;
  /** Polls until stop(). */
  start(): void;
  /** Stops claiming and waits for the deliveries in flight to finish. */
  stop(): Promise<void>;
  /** Counts since start, for logs and the benchmark. */
  readonly stats: { delivered: number; failed: number; retried: number };
}

class PermanentError extends Error {}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const id = randomUUID();
  const { db, mailer } = options;
  const log = options.log ?? silentLogger;
  const batchSize = options.batchSize ?? 20;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const leaseMs = options.leaseMs ?? Math.max(60_000, 3 * options.webhook.timeoutMs);
  const maxAttempts = options.maxAttempts ?? 10;
  const backoff = options.backoff ?? defaultBackoff;
  const disableAfterMs = options.webhookDisableAfterMs ?? 24 * 60 * 60_000;
  const stats = { delivered: 0, failed: 0, retried: 0 };

  const render = (d: ClaimedDelivery) =>
    renderMessage(
      { type: d.eventType, payload: d.payload, private: d.privateData },
      { publicUrl: options.publicUrl, timeZone: options.timeZone, recipientName: d.recipientFirstName },
    );

  async function deliver(d: ClaimedDelivery, claimId: string): Promise<void> {
    switch (d.channel) {
      case 'in_app': {
        if (!d.recipientId) throw new PermanentError('no recipient');
        const message = render(d);
        const recipientId = d.recipientId;
        // Insert and mark in one transaction: the in-app channel is exactly once.
        await db.transaction().execute(async (trx) => {
          await insertNotification(trx, {
            userId: recipientId,
            type: d.eventType,
            title: message.subject,
            body: message.lines.join(' '),
            link: message.action?.url ?? null,
            data: d.payload,
            idempotencyKey: d.idempotencyKey,
            createdAt: d.eventCreatedAt,
          });
          await markDelivered(trx, d, claimId);
        });
        return;
      }
      case 'email': {
        if (!d.recipientEmail) throw new PermanentError('no recipient');
        if (d.eventType === 'password_reset.requested' && !d.privateData) {
          throw new PermanentError('the reset token is gone');
        }
        const message = render(d);
        await mailer.send({
          to: d.recipientEmail,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: `<${d.idempotencyKey}@carhub>`,
        });
        await db.transaction().execute((trx) => markDelivered(trx, d, claimId));
        return;
      }
      case 'webhook':
        return deliverWebhook(d, claimId);
    }
  }

  async function deliverWebhook(d: ClaimedDelivery, claimId: string): Promise<void> {
    if (!d.webhookId || !d.webhookUrl || !d.webhookSecret || !d.webhookActive) {
      await db.transaction().execute((trx) => markCancelled(trx, d, 'endpoint inactive or removed'));
      return;
    }
    const webhookId = d.webhookId;
    const body = JSON.stringify({
      id: d.eventId,
      type: d.eventType,
      createdAt: d.eventCreatedAt.toISOString(),
      data: d.payload,
    });
    const result = await postWebhook(
      {
        url: d.webhookUrl,
        secret: d.webhookSecret,
        body,
        idempotencyKey: d.idempotencyKey,
        eventType: d.eventType,
        deliveryId: d.id,
      },
      options.webhook,
    );
    await db.transaction().execute(async (trx) => {
      await recordWebhookAttempt(trx, {
        deliveryId: d.id,
        webhookId,
        attempt: d.attempts,
        statusCode: result.statusCode,
        error: result.error,
        durationMs: result.durationMs,
      });
      if (result.ok) {
        await recordWebhookSuccess(trx, webhookId);
        await markDelivered(trx, d, claimId);
        return;
      }
      const disabled = await recordWebhookFailure(trx, webhookId, disableAfterMs);
      const delay = disabled || d.attempts >= maxAttempts ? null : backoffDelay(d.attempts, backoff);
      await markFailed(trx, d, claimId, result.error ?? 'failed', delay);
      if (disabled) log.warn({ webhookId }, 'webhook endpoint disabled after failing for too long');
    });
    if (!result.ok) throw new HandledFailure(result.error ?? 'failed');
  }

  class HandledFailure extends Error {}

  async function deliverOne(d: ClaimedDelivery, claimId: string): Promise<void> {
    try {
      await deliver(d, claimId);
      stats.delivered += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof HandledFailure) {
        if (d.attempts >= maxAttempts) stats.failed += 1;
        else stats.retried += 1;
        log.warn({ deliveryId: d.id, channel: d.channel, attempt: d.attempts, error: message }, 'delivery failed');
        return;
      }
      const delay =
        error instanceof PermanentError || d.attempts >= maxAttempts ? null : backoffDelay(d.attempts, backoff);
      if (delay === null) stats.failed += 1;
      else stats.retried += 1;
      log.warn(
        { deliveryId: d.id, channel: d.channel, attempt: d.attempts, error: message, retryInMs: delay },
        'delivery failed',
      );
      try {
        await db.transaction().execute((trx) => markFailed(trx, d, claimId, message, delay));
      } catch (markError) {
        // The lease runs out and another attempt happens then.
        log.error({ err: markError, deliveryId: d.id }, 'could not record a failed delivery');
      }
    }
  }

  async function runOnce(): Promise<number> {
    const claimId = randomUUID();
    const claimed = await claimDeliveries(db, { claimId, limit: batchSize, leaseMs });
    await Promise.all(claimed.map((d) => deliverOne(d, claimId)));
    return claimed.length;
  }

  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  return {
    id,
    stats,
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        let failures = 0;
        while (running) {
          let claimed = 0;
          try {
            claimed = await runOnce();
            failures = 0;
          } catch (error) {
            // The database is away (or not migrated yet): wait longer each time, up to a minute.
            failures += 1;
            log.error({ err: error }, 'outbox worker could not claim deliveries');
          }
          if (!running) break;
          if (claimed < batchSize) {
            await pause(failures > 0 ? Math.min(60_000, pollIntervalMs * 2 ** failures) : pollIntervalMs);
          }
        }
      })();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      loop = null;
    },
  };
}

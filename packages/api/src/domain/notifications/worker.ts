import { randomUUID } from 'node:crypto';
import type { Database } from '@carhub/db';
import { notifyDueReminders } from '../logbook/reminders/notify-due';
import { loadShowroom } from '../showroom/queries';
import { localDate } from '../showroom/showroom-time';
import { type BackoffPolicy, backoffDelay, defaultBackoff } from './backoff';
import type { NotifyLogger } from './logger';
import { silentLogger } from './logger';
import type { Mailer } from './mailer';
import { type ClaimedDelivery, claimDeliveries, markFailed } from './outbox-queries';
import { type Outcome, recordOutcomes } from './record-outcomes';
import { renderMessage } from './templates';
import { postWebhook, type WebhookOptions } from './webhook-sender';

export interface OutboxWorkerOptions {
  db: Database;
  mailer: Mailer;
  log?: NotifyLogger;
  /** Links in messages start here. */
  publicUrl: string;
  /** Times in messages are shown in the showroom's zone; this one (SHOWROOM_TZ) while no admin has set it. */
  timeZone: string;
  webhook: WebhookOptions;
  /** Deliveries claimed at once (default 20). */
  batchSize?: number;
  /** Wait between polls when nothing was due (default 1000 ms). */
  pollIntervalMs?: number;
  /** How long a claim hides a delivery from other workers (default: 60 s, at least 3 webhook or mail timeouts). */
  leaseMs?: number;
  /** Attempts before a delivery is given up as `failed` (default 10). */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /** An endpoint failing without a break for longer than this is disabled (default 24 h). */
  webhookDisableAfterMs?: number;
  /** How often the worker looks for logbook reminders that became due (default 60 s; 0: every batch). */
  reminderScanIntervalMs?: number;
  /** The clock reminders are judged by ("today" in `timeZone`); tests pass a fixed one. */
  now?: () => Date;
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
  readonly stats: { delivered: number; failed: number; retried: number; cancelled: number };
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const id = randomUUID();
  const { db, mailer } = options;
  const log = options.log ?? silentLogger;
  const batchSize = options.batchSize ?? 20;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  // A batch's e-mails and webhooks are recorded together once the slowest has answered: the
  // lease must outlast the longest send, or another worker would claim and send them again.
  const leaseMs = options.leaseMs ?? Math.max(60_000, 3 * Math.max(options.webhook.timeoutMs, mailer.timeoutMs));
  const maxAttempts = options.maxAttempts ?? 10;
  const backoff = options.backoff ?? defaultBackoff;
  const disableAfterMs = options.webhookDisableAfterMs ?? 24 * 60 * 60_000;
  const stats = { delivered: 0, failed: 0, retried: 0, cancelled: 0 };
  const policy = {
    retryDelay: (d: ClaimedDelivery, giveUp: boolean) =>
      giveUp || d.attempts >= maxAttempts ? null : backoffDelay(d.attempts, backoff),
    webhookDisableAfterMs: disableAfterMs,
  };

  let timeZone = options.timeZone;
  const render = (d: ClaimedDelivery) =>
    renderMessage(
      { type: d.eventType, payload: d.payload, private: d.privateData },
      { publicUrl: options.publicUrl, timeZone, recipientName: d.recipientFirstName },
    );

  const failed = (delivery: ClaimedDelivery, error: string, permanent = false): Outcome => ({
    delivery,
    result: 'failed',
    error,
    permanent,
  });

  /** Sends one delivery (an in-app one only needs rendering) and says what came of it; never throws. */
  async function send(d: ClaimedDelivery): Promise<Outcome> {
    try {
      switch (d.channel) {
        case 'in_app': {
          if (!d.recipientId) return failed(d, 'no recipient', true);
          const message = render(d);
          const notification = {
            userId: d.recipientId,
            type: d.eventType,
            title: message.subject,
            body: message.lines.join(' '),
            link: message.action?.url ?? null,
            data: d.payload,
            idempotencyKey: d.idempotencyKey,
            createdAt: d.eventCreatedAt,
          };
          return { delivery: d, result: 'delivered', notification };
        }
        case 'email': {
          if (!d.recipientEmail) return failed(d, 'no recipient', true);
          if (d.eventType === 'password_reset.requested' && !d.privateData) {
            return failed(d, 'the reset token is gone', true);
          }
          const message = render(d);
          await mailer.send({
            to: d.recipientEmail,
            subject: message.subject,
            text: message.text,
            html: message.html,
            messageId: `<${d.idempotencyKey}@carhub>`,
          });
          return { delivery: d, result: 'delivered' };
        }
        case 'webhook':
          return await sendWebhook(d);
      }
    } catch (error) {
      return failed(d, error instanceof Error ? error.message : String(error));
    }
  }

  async function sendWebhook(d: ClaimedDelivery): Promise<Outcome> {
    if (!d.webhookId || !d.webhookUrl || !d.webhookSecret || !d.webhookActive) {
      return { delivery: d, result: 'cancelled', reason: 'endpoint inactive or removed' };
    }
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
    const webhook = {
      webhookId: d.webhookId,
      statusCode: result.statusCode,
      error: result.error,
      durationMs: result.durationMs,
    };
    return result.ok
      ? { delivery: d, result: 'delivered', webhook }
      : { delivery: d, result: 'failed', error: result.error ?? 'failed', permanent: false, webhook };
  }

  /**
   * Writes down a group of outcomes in one transaction. Should that fail, each is tried in a
   * transaction of its own, so one bad row (a recipient or endpoint deleted meanwhile) does not
   * hold back the rest; one that still fails is scheduled for another attempt.
   */
  async function record(claimId: string, outcomes: Outcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    let recorded: Awaited<ReturnType<typeof recordOutcomes>>;
    try {
      recorded = await db.transaction().execute((trx) => recordOutcomes(trx, claimId, outcomes, policy));
    } catch (error) {
      if (outcomes.length > 1) {
        log.warn({ err: error, deliveries: outcomes.length }, 'recording a batch failed: recording one at a time');
        for (const outcome of outcomes) await record(claimId, [outcome]);
        return;
      }
      const only = outcomes[0] as Outcome;
      const d = only.delivery;
      const message = error instanceof Error ? error.message : String(error);
      const delay = policy.retryDelay(d, only.result === 'failed' && only.permanent);
      stats[delay === null ? 'failed' : 'retried'] += 1;
      log.warn({ err: error, deliveryId: d.id, channel: d.channel, retryInMs: delay }, 'could not record a delivery');
      try {
        await db.transaction().execute((trx) => markFailed(trx, d.id, claimId, message, delay));
      } catch (markError) {
        // The lease runs out and another attempt happens then.
        log.error({ err: markError, deliveryId: d.id }, 'could not record a failed delivery');
      }
      return;
    }
    for (const webhookId of recorded.disabledWebhooks) {
      log.warn({ webhookId }, 'webhook endpoint disabled after failing for too long');
    }
    for (const o of outcomes) {
      if (o.result !== 'failed') {
        stats[o.result] += 1;
        continue;
      }
      const delay = recorded.retries.get(o.delivery.id) ?? null;
      stats[delay === null ? 'failed' : 'retried'] += 1;
      log.warn(
        {
          deliveryId: o.delivery.id,
          channel: o.delivery.channel,
          attempt: o.delivery.attempts,
          error: o.error,
          retryInMs: delay,
        },
        'delivery failed',
      );
    }
  }

  /**
   * One batch in two transactions whatever its size: in-app rows need nothing sent, so they
   * are written at once while the e-mails and webhooks go out; what came of those is written
   * together when the last has answered (still within the lease, at least 3 webhook timeouts).
   */
  const reminderScanIntervalMs = options.reminderScanIntervalMs ?? 60_000;
  const now = options.now ?? (() => new Date());
  let lastReminderScan = Number.NEGATIVE_INFINITY;

  async function runOnce(): Promise<number> {
    if (Date.now() - lastReminderScan >= reminderScanIntervalMs) {
      lastReminderScan = Date.now();
      // Their events go to the outbox, and so into the claim just below.
      await notifyDueReminders(db, localDate(now(), options.timeZone));
    }
    const claimId = randomUUID();
    const claimed = await claimDeliveries(db, { claimId, limit: batchSize, leaseMs });
    if (claimed.length > 0) timeZone = (await loadShowroom(db, options.timeZone)).timeZone;
    const sendAll = async (deliveries: ClaimedDelivery[]) => {
      const finished: Outcome[] = [];
      await Promise.all(deliveries.map(async (d) => finished.push(await send(d))));
      await record(claimId, finished);
    };
    await Promise.all([
      sendAll(claimed.filter((d) => d.channel === 'in_app')),
      sendAll(claimed.filter((d) => d.channel !== 'in_app')),
    ]);
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

import {
  createMailer,
  createOutboxWorker,
  createPruner,
  type NotifyLogger,
  type OutboxWorker,
  type Storage,
} from '@carhub/api';
import type { Database } from '@carhub/db';
import type { Config } from './config';

/**
 * The outbox worker as configured: the same for the inline worker and `pnpm cli worker`. It
 * also prunes what has expired (sessions, throttles, reset tokens, old outbox rows) and removes
 * storage objects no row references (older than an hour) on its own schedule; several workers
 * pruning at once only share the work. The caller owns `storage` and closes it.
 */
export function createConfiguredWorker(
  db: Database,
  config: Config,
  log: NotifyLogger,
  storage: Storage,
): OutboxWorker {
  const n = config.notifications;
  const mailer = createMailer({
    smtpUrl: n.smtpUrl,
    from: n.mailFrom,
    log,
    // A reset link is a credential: whole messages reach the log only on a developer's machine.
    logBodies: config.env === 'development',
  });
  const worker = createOutboxWorker({
    db,
    mailer,
    log,
    publicUrl: n.publicUrl,
    timeZone: config.showroomTimeZone,
    pollIntervalMs: n.pollIntervalMs,
    webhook: { timeoutMs: n.webhookTimeoutMs, allowPrivateTargets: n.webhookAllowPrivateTargets },
  });
  const pruner = createPruner({
    db,
    log,
    intervalMs: n.pruneIntervalMs,
    retentionDays: n.retentionDays,
    storage,
  });
  return {
    get id() {
      return worker.id;
    },
    get stats() {
      return worker.stats;
    },
    runOnce: () => worker.runOnce(),
    start() {
      worker.start();
      pruner.start();
    },
    async stop() {
      await Promise.all([worker.stop(), pruner.stop()]);
      mailer.close();
    },
  };
}

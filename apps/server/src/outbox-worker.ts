import { createMailer, createOutboxWorker, type NotifyLogger, type OutboxWorker } from '@carhub/api';
import type { Database } from '@carhub/db';
import type { Config } from './config';

/** The outbox worker as configured: the same for the inline worker and `pnpm cli worker`. */
export function createConfiguredWorker(db: Database, config: Config, log: NotifyLogger): OutboxWorker {
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
  return {
    get id() {
      return worker.id;
    },
    get stats() {
      return worker.stats;
    },
    runOnce: () => worker.runOnce(),
    start: () => worker.start(),
    async stop() {
      await worker.stop();
      mailer.close();
    },
  };
}

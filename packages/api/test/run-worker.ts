// A worker in its own process (the crash test, the benchmark): DATABASE_URL, LEASE_MS, BATCH from the environment.
import { createDb } from '@carhub/db';
import { createMailer } from '../src/domain/notifications/mailer';
import { createOutboxWorker } from '../src/domain/notifications/worker';

const log = { info() {}, warn() {}, error() {} };
const db = createDb(process.env.DATABASE_URL, { poolSize: Number(process.env.POOL ?? 2) });
const worker = createOutboxWorker({
  db,
  mailer: createMailer({ smtpUrl: undefined, from: 'carhub <no-reply@carhub.test>', log, logBodies: false }),
  publicUrl: 'https://carhub.test',
  timeZone: 'UTC',
  webhook: { timeoutMs: 60_000, allowPrivateTargets: true },
  leaseMs: Number(process.env.LEASE_MS ?? 60_000),
  pollIntervalMs: 50,
  batchSize: Number(process.env.BATCH ?? 20),
});
worker.start();
console.log('worker started');
process.once('SIGTERM', async () => {
  await worker.stop();
  console.log(`delivered ${worker.stats.delivered}`);
  await db.destroy();
  process.exit(0);
});

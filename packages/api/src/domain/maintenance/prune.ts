import type { Database } from '@carhub/db';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { IDEMPOTENCY_RETENTION } from '../idempotency/idempotency';

export interface PruneOptions {
  /** Delivered, failed or cancelled outbox events and webhook attempts older than this go (OUTBOX_RETENTION_DAYS). */
  retentionDays: number;
  /** Rows deleted per statement: small, so no statement holds its locks for long (default 500). */
  batchSize?: number;
  /** Statements per table per run, so one run never takes long either (default 20). */
  maxBatches?: number;
}

/** One kind of row that expires: its table, a unique key to delete by, and when a row has expired. */
export interface PruneRule {
  table: string;
  key: string;
  expired: (options: PruneOptions) => RawBuilder<SqlBool>;
}

const olderThanRetention = (column: string) => (o: PruneOptions) =>
  sql<SqlBool>`${sql.ref(column)} < now() - ${o.retentionDays} * interval '1 day'`;

/**
 * What the worker prunes, one line a table. Outbox events go once no delivery of theirs is
 * pending (their deliveries and webhook attempts with them, by cascade); a login-throttle
 * row once its window is long over (a day: longer than any window).
 */
export const pruneRules: PruneRule[] = [
  { table: 'sessions', key: 'id', expired: () => sql<SqlBool>`expires_at < now()` },
  { table: 'login_throttle', key: 'key', expired: () => sql<SqlBool>`window_start < now() - interval '1 day'` },
  {
    table: 'password_reset_tokens',
    key: 'id',
    expired: () => sql<SqlBool>`used_at is not null or expires_at < now()`,
  },
  { table: 'webhook_attempts', key: 'id', expired: olderThanRetention('created_at') },
  // Keyed by (principal, key): the row's own address stands in for a one-column key.
  {
    table: 'idempotency_keys',
    key: 'ctid',
    expired: () => sql<SqlBool>`created_at < now() - ${IDEMPOTENCY_RETENTION}`,
  },
  {
    table: 'outbox_events',
    key: 'id',
    expired: (o) =>
      sql<SqlBool>`${olderThanRetention('created_at')(o)} and not exists (
        select 1 from outbox_deliveries d where d.event_id = outbox_events.id and d.status = 'pending')`,
  },
];

/**
 * Deletes expired rows table by table, in batches of `batchSize` chosen by key (each
 * statement short, its row locks few), until a batch comes back short or `maxBatches` ran.
 * Returns what each table lost.
 */
export async function pruneExpired(
  db: Database,
  options: PruneOptions,
  rules: readonly PruneRule[] = pruneRules,
): Promise<Record<string, number>> {
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 20;
  const deleted: Record<string, number> = {};
  for (const rule of rules) {
    const table = sql.table(rule.table);
    const key = sql.ref(rule.key);
    let total = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const result = await sql`delete from ${table} where ${key} in (
        select ${key} from ${table} where ${rule.expired(options)} limit ${batchSize})`.execute(db);
      const count = Number(result.numAffectedRows ?? 0);
      total += count;
      if (count < batchSize) break;
    }
    deleted[rule.table] = total;
  }
  return deleted;
}

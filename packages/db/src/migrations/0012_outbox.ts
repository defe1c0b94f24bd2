import { type Kysely, sql } from 'kysely';

/**
 * The transactional outbox. One event row per thing that happened (written in the same
 * transaction as the change), and one delivery row per channel and recipient (in-app and
 * e-mail per user, one per subscribed webhook endpoint). Deliveries are what the worker
 * claims, retries and finishes one by one: a failing webhook never holds back an e-mail.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox_events')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    // Data only the e-mail channel may read (a password-reset token): never sent to webhooks
    // or the in-app list, and wiped once the event has no pending delivery left.
    .addColumn('private_data', 'jsonb')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('outbox_deliveries')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (col) => col.notNull().references('outbox_events.id').onDelete('cascade'))
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('recipient_id', 'uuid', (col) => col.references('users.id').onDelete('cascade'))
    .addColumn('webhook_id', 'uuid', (col) => col.references('webhook_endpoints.id').onDelete('cascade'))
    .addColumn('idempotency_key', 'text', (col) => col.notNull().unique())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    // The lease: a claimed row is invisible to other workers until locked_until; a worker
    // that dies mid-delivery leaves it to be claimed again once the lease runs out.
    .addColumn('locked_until', 'timestamptz')
    .addColumn('locked_by', 'uuid')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('outbox_deliveries_channel_check', sql`channel in ('in_app', 'email', 'webhook')`)
    .addCheckConstraint(
      'outbox_deliveries_status_check',
      sql`status in ('pending', 'delivered', 'failed', 'cancelled')`,
    )
    .addCheckConstraint(
      'outbox_deliveries_target_check',
      sql`(channel = 'webhook') = (webhook_id is not null) and (channel = 'webhook') = (recipient_id is null)`,
    )
    .execute();
  // The claim query walks this: only pending rows, oldest due first.
  await sql`create index outbox_deliveries_due_idx on outbox_deliveries (next_attempt_at, id)
    where status = 'pending'`.execute(db);
  await db.schema.createIndex('outbox_deliveries_event_idx').on('outbox_deliveries').column('event_id').execute();
  await db.schema.createIndex('outbox_deliveries_webhook_idx').on('outbox_deliveries').column('webhook_id').execute();

  // Every webhook attempt with what came back: admin.webhooks.deliveries reads it.
  await db.schema
    .createTable('webhook_attempts')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('delivery_id', 'uuid', (col) => col.notNull().references('outbox_deliveries.id').onDelete('cascade'))
    .addColumn('webhook_id', 'uuid', (col) => col.notNull().references('webhook_endpoints.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (col) => col.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('webhook_attempts_webhook_created_idx')
    .on('webhook_attempts')
    .columns(['webhook_id', 'created_at desc', 'id desc'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_attempts').execute();
  await db.schema.dropTable('outbox_deliveries').execute();
  await db.schema.dropTable('outbox_events').execute();
}

import { type Kysely, sql } from 'kysely';

// Endpoints an admin registers. The secret is kept readable because the worker signs every
// delivery with it; no API answer returns it after creation. first_failure_at marks the start
// of an unbroken run of failures: when that run passes a day the endpoint is disabled.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('events', sql`text[]`, (col) => col.notNull())
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('is_active', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('first_failure_at', 'timestamptz')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('disabled_reason', 'text')
    .addColumn('created_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('webhook_endpoints_url_check', sql`url ~ '^https?://'`)
    .addCheckConstraint('webhook_endpoints_events_check', sql`cardinality(events) > 0`)
    .execute();
  await db.schema
    .createIndex('webhook_endpoints_created_idx')
    .on('webhook_endpoints')
    .columns(['created_at', 'id'])
    .execute();
  await sql`create trigger webhook_endpoints_set_updated_at before update on webhook_endpoints
    for each row execute function set_updated_at()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_endpoints').execute();
}

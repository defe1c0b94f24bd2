import { type Kysely, sql } from 'kysely';

// Idempotency-Key records: one per caller (`principal`: a user, or one API key) and key. The
// row is written in the same transaction as what the first call created, with a hash of its
// input and the answer it gave, so a retry can be answered without doing the work again.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('principal', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('path', 'text', (col) => col.notNull())
    .addColumn('input_hash', 'text', (col) => col.notNull())
    .addColumn('status', 'integer', (col) => col.notNull())
    // Text, not jsonb: a replay answers the very bytes of the first answer (jsonb reorders keys).
    .addColumn('response', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['principal', 'key'])
    .execute();
  // The worker prunes records older than 24 hours.
  await db.schema.createIndex('idempotency_keys_created_at_idx').on('idempotency_keys').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
}

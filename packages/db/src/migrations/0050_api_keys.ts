import { type Kysely, sql } from 'kysely';

// Keys for scripts and internal tools. Only the SHA-256 (hex) of a key is stored; `prefix` is
// its first characters, enough for a person to tell keys apart in a list. A revoked key keeps
// its row (revoked_at set) so the audit log's entity ids stay meaningful.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('prefix', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('scopes', sql`text[]`, (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addCheckConstraint('api_keys_scopes_not_empty', sql`cardinality(scopes) > 0`)
    .execute();
  await db.schema.createIndex('api_keys_user_id_idx').on('api_keys').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('api_keys_created_at_id_idx').on('api_keys').columns(['created_at', 'id']).execute();

  // The per-key request count (a fixed one-minute window), shared by every server instance.
  // Unlogged: it is written on every keyed request, and a count lost in a crash costs nothing,
  // while a logged write would make each request wait for a WAL flush.
  await sql`create unlogged table api_key_usage (
    api_key_id uuid primary key references api_keys(id) on delete cascade,
    window_start timestamptz not null default now(),
    requests integer not null default 0
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_key_usage').execute();
  await db.schema.dropTable('api_keys').execute();
}

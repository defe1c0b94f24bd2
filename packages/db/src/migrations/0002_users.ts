import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // citext + unique: "Alice" and "alice" are the same username, and the same e-mail.
    .addColumn('username', sql`citext`, (col) => col.notNull().unique())
    .addColumn('email', sql`citext`, (col) => col.notNull().unique())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('first_name', 'text', (col) => col.notNull())
    .addColumn('last_name', 'text', (col) => col.notNull())
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('role', 'text', (col) => col.notNull().defaultTo('client'))
    .addColumn('is_active', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('users_role_check', sql`role in ('client', 'staff', 'admin')`)
    .addCheckConstraint('users_username_check', sql`username ~ '^[A-Za-z0-9_.-]{3,30}$'`)
    .execute();
  // Admin lists sort by creation with id as the tie-breaker (keyset pagination).
  await db.schema.createIndex('users_created_at_id_idx').on('users').columns(['created_at', 'id']).execute();
  await sql`create trigger users_set_updated_at before update on users
    for each row execute function set_updated_at()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('users').execute();
}

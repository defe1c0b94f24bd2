import { type Kysely, sql } from 'kysely';

/**
 * Password-reset tokens: only the SHA-256 of the token is stored. users.password_changed_at,
 * kept by a trigger on every path that changes a password (change, reset, admin, CLI), lets a
 * token issued before the latest change be refused without each of those paths knowing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('password_changed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`
    create or replace function set_password_changed_at() returns trigger language plpgsql as $$
    begin
      new.password_changed_at := now();
      return new;
    end
    $$`.execute(db);
  await sql`create trigger users_set_password_changed_at before update of password_hash on users
    for each row when (old.password_hash is distinct from new.password_hash)
    execute function set_password_changed_at()`.execute(db);

  await db.schema
    .createTable('password_reset_tokens')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('password_reset_tokens_user_idx').on('password_reset_tokens').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_reset_tokens').execute();
  await sql`drop trigger if exists users_set_password_changed_at on users`.execute(db);
  await sql`drop function if exists set_password_changed_at()`.execute(db);
  await db.schema.alterTable('users').dropColumn('password_changed_at').execute();
}

import { type Kysely, sql } from 'kysely';

// btree_gist: the bookings exclusion constraint; citext: case-insensitive usernames and
// e-mails; pg_trgm: catalogue text search. The embedded engine ships them as modules
// loaded by createDb(); PostgreSQL 13+ trusts all three, so a database owner may create them.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists btree_gist`.execute(db);
  await sql`create extension if not exists citext`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`
    create or replace function set_updated_at() returns trigger language plpgsql as $$
    begin
      new.updated_at := now();
      return new;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists set_updated_at()`.execute(db);
  await sql`drop extension if exists pg_trgm`.execute(db);
  await sql`drop extension if exists citext`.execute(db);
  await sql`drop extension if exists btree_gist`.execute(db);
}

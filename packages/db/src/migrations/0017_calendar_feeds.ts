import { type Kysely, sql } from 'kysely';

/**
 * One secret calendar-feed URL per car. The secret is an HMAC of (car, feed_id) under a server
 * key, so the owner can be shown the same URL again; the table keeps only its SHA-256 (what
 * the feed route looks up), so a database leak hands out no working URL. Rotating draws a new
 * feed_id and hash, which kills the old URL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table calendar_feeds (
      car_id uuid primary key references cars (id) on delete cascade,
      feed_id uuid not null default gen_random_uuid(),
      secret_hash text not null constraint calendar_feeds_secret_hash_key unique,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_feeds').execute();
}

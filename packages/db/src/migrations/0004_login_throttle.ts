import { type Kysely, sql } from 'kysely';

// Failed-login throttling lives in the database so every server instance shares the count.
// One row per key (per identifier+IP, per IP): a fixed window counted with an atomic upsert.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('window_start', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('login_throttle_window_start_idx').on('login_throttle').column('window_start').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
}

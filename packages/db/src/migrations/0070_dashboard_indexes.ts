import { type Kysely, sql } from 'kysely';

/**
 * The staff dashboard reads these on every visit: the pending test-drive queue (soonest first)
 * is a small slice of a large bookings table; a day's test drives are counted by status from
 * the index alone (status is carried in it); stock by status likewise, not from the car rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index bookings_pending_test_drive_idx on bookings (start_at, id)
    where kind = 'test_drive' and status = 'pending'`.execute(db);
  await sql`create index bookings_test_drive_start_idx on bookings (start_at) include (status)
    where kind = 'test_drive'`.execute(db);
  await sql`create index cars_stock_status_idx on cars (status) where owner_id is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index cars_stock_status_idx`.execute(db);
  await sql`drop index bookings_test_drive_start_idx`.execute(db);
  await sql`drop index bookings_pending_test_drive_idx`.execute(db);
}

import { type Kysely, sql } from 'kysely';

/**
 * An e-mail delivery may go to an address outside the users table (a guest renter's
 * renterEmail): recipient_email, with no user and so no in-app row. And the indexes the
 * worker's pruning walks: old events by age, webhook attempts by age and by delivery (the
 * cascade from a pruned delivery would otherwise scan the attempts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox_deliveries add column recipient_email text`.execute(db);
  await sql`alter table outbox_deliveries drop constraint outbox_deliveries_target_check`.execute(db);
  await sql`alter table outbox_deliveries add constraint outbox_deliveries_target_check check (
    case channel
      when 'webhook' then webhook_id is not null and recipient_id is null and recipient_email is null
      when 'in_app' then webhook_id is null and recipient_id is not null and recipient_email is null
      else webhook_id is null and (recipient_id is null) <> (recipient_email is null)
    end)`.execute(db);
  await sql`create index outbox_events_created_idx on outbox_events (created_at, id)`.execute(db);
  await sql`create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id)`.execute(db);
  await sql`create index webhook_attempts_created_idx on webhook_attempts (created_at)`.execute(db);
  await sql`create index password_reset_tokens_expires_idx on password_reset_tokens (expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index password_reset_tokens_expires_idx`.execute(db);
  await sql`drop index webhook_attempts_created_idx`.execute(db);
  await sql`drop index webhook_attempts_delivery_idx`.execute(db);
  await sql`drop index outbox_events_created_idx`.execute(db);
  await sql`delete from outbox_deliveries where recipient_email is not null`.execute(db);
  await sql`alter table outbox_deliveries drop constraint outbox_deliveries_target_check`.execute(db);
  await sql`alter table outbox_deliveries add constraint outbox_deliveries_target_check check (
    (channel = 'webhook') = (webhook_id is not null) and (channel = 'webhook') = (recipient_id is null))`.execute(db);
  await sql`alter table outbox_deliveries drop column recipient_email`.execute(db);
}

import { type Kysely, sql } from 'kysely';

/**
 * The showroom's rules, one row (the primary key can only be `true`). time_zone NULL means "the
 * zone SHOWROOM_TZ names", so a new database follows the operator's variable until an admin
 * picks a zone. The row starts with the behaviour from before it existed: 09:00-17:00 every
 * day, no closed dates, no notice, no buffer.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table showroom_settings (
      id boolean primary key default true constraint showroom_settings_one_row check (id),
      time_zone text,
      opening_hours jsonb not null,
      closed_dates date[] not null default '{}',
      min_notice_minutes integer not null default 0
        constraint showroom_settings_notice_check check (min_notice_minutes between 0 and 525600),
      buffer_minutes integer not null default 0
        constraint showroom_settings_buffer_check check (buffer_minutes between 0 and 1440),
      updated_by uuid references users (id) on delete set null,
      updated_at timestamptz not null default now()
    )`.execute(db);
  const day = [{ from: '09:00', to: '17:00' }];
  const hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
  await sql`insert into showroom_settings (id, opening_hours) values (true, ${JSON.stringify(hours)}::jsonb)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('showroom_settings').execute();
}

import { type Kysely, sql } from 'kysely';

/**
 * The showroom's buffer between bookings of one car, held by the database as well as by the
 * slot maths. Each booking keeps the buffer in force when its time was set (buffer_minutes)
 * and a trigger keeps held_until = end_at + that buffer; a second exclusion constraint over
 * [start_at, held_until) then refuses any two pending/approved bookings of a car closer than
 * the buffer, however the requests race. (timestamptz + interval is not immutable, so the
 * padded end is a stored column rather than an index expression.) Existing rows get 0: a
 * change of the settings never touches bookings already made.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table bookings
    add column buffer_minutes integer not null default 0
      constraint bookings_buffer_minutes_check check (buffer_minutes between 0 and 1440),
    add column held_until timestamptz`.execute(db);
  await sql`update bookings set held_until = end_at`.execute(db);
  // The default only lets inserts leave the column out: the trigger below always sets it.
  await sql`alter table bookings alter column held_until set not null, alter column held_until set default now()`.execute(
    db,
  );
  await sql`
    create or replace function bookings_set_held_until() returns trigger language plpgsql as $$
    begin
      new.held_until := new.end_at + make_interval(mins => new.buffer_minutes);
      return new;
    end
    $$`.execute(db);
  await sql`create trigger bookings_set_held_until before insert or update of end_at, buffer_minutes on bookings
    for each row execute function bookings_set_held_until()`.execute(db);
  await sql`alter table bookings add constraint bookings_buffer_clear
    exclude using gist (car_id with =, tstzrange(start_at, held_until) with &&)
    where (status in ('pending', 'approved'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table bookings drop constraint bookings_buffer_clear`.execute(db);
  await sql`drop trigger bookings_set_held_until on bookings`.execute(db);
  await sql`drop function bookings_set_held_until()`.execute(db);
  await sql`alter table bookings drop column held_until, drop column buffer_minutes`.execute(db);
}

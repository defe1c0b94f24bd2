import { type Kysely, sql } from 'kysely';

/**
 * The owner's logbook, per car (garage or stock): dated odometer readings, fill-ups, service
 * records with their attachments, and reminders. Everything hangs off the car and goes with it
 * (ON DELETE CASCADE); attachment bytes live in the object storage under object_key, so the
 * application deletes those objects after the commit that removed their rows.
 *
 * A fill-up or a service that carries an odometer value owns the reading it added
 * (odometer_reading_id): editing the entry edits the reading, removing it removes the reading.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table odometer_readings (
      id uuid primary key default gen_random_uuid(),
      car_id uuid not null references cars (id) on delete cascade,
      at date not null default current_date,
      km integer not null constraint odometer_readings_km_check check (km >= 0),
      note text,
      source text not null default 'manual'
        constraint odometer_readings_source_check check (source in ('manual', 'car', 'fuel', 'service', 'sale')),
      created_at timestamptz not null default now()
    )`.execute(db);
  // The neighbours of a date, and the latest reading (the car's mileage).
  await sql`create index odometer_readings_car_at_idx on odometer_readings (car_id, at, created_at)`.execute(db);

  await sql`
    create table fuel_entries (
      id uuid primary key default gen_random_uuid(),
      car_id uuid not null references cars (id) on delete cascade,
      at date not null,
      odometer_km integer not null constraint fuel_entries_odometer_km_check check (odometer_km >= 0),
      liters numeric(10, 3) not null constraint fuel_entries_liters_check check (liters > 0),
      total_cost numeric(12, 2) not null constraint fuel_entries_total_cost_check check (total_cost >= 0),
      full_tank boolean not null default true,
      missed_previous boolean not null default false,
      station text,
      notes text,
      odometer_reading_id uuid references odometer_readings (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create trigger fuel_entries_set_updated_at before update on fuel_entries
    for each row execute function set_updated_at()`.execute(db);
  // cars.fuel.list (keyset on at, id) and the stats' walk in odometer order.
  await sql`create index fuel_entries_car_at_id_idx on fuel_entries (car_id, at, id)`.execute(db);
  await sql`create index fuel_entries_reading_idx on fuel_entries (odometer_reading_id)`.execute(db);

  await sql`
    create table service_records (
      id uuid primary key default gen_random_uuid(),
      car_id uuid not null references cars (id) on delete cascade,
      at date not null,
      odometer_km integer constraint service_records_odometer_km_check check (odometer_km >= 0),
      title text not null,
      items text[] not null default '{}',
      -- Null on a copy a sale made: what the dealership paid is not the buyer's cost.
      cost numeric(12, 2) constraint service_records_cost_check check (cost >= 0),
      shop text,
      notes text,
      odometer_reading_id uuid references odometer_readings (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create trigger service_records_set_updated_at before update on service_records
    for each row execute function set_updated_at()`.execute(db);
  await sql`create index service_records_car_at_id_idx on service_records (car_id, at, id)`.execute(db);
  await sql`create index service_records_reading_idx on service_records (odometer_reading_id)`.execute(db);

  await sql`
    create table service_attachments (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references service_records (id) on delete cascade,
      car_id uuid not null references cars (id) on delete cascade,
      object_key text not null,
      name text not null,
      content_type text not null,
      size integer not null constraint service_attachments_size_check check (size >= 0),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index service_attachments_service_idx on service_attachments (service_id, created_at)`.execute(db);
  await sql`create index service_attachments_car_idx on service_attachments (car_id)`.execute(db);

  await sql`
    create table reminders (
      id uuid primary key default gen_random_uuid(),
      car_id uuid not null references cars (id) on delete cascade,
      title text not null,
      due_date date,
      due_km integer constraint reminders_due_km_check check (due_km >= 0),
      repeat_months integer constraint reminders_repeat_months_check check (repeat_months between 1 and 240),
      repeat_km integer constraint reminders_repeat_km_check check (repeat_km between 1 and 1000000),
      notify_days_before integer not null default 14
        constraint reminders_notify_days_check check (notify_days_before between 0 and 365),
      notify_km integer not null default 500 constraint reminders_notify_km_check check (notify_km between 0 and 100000),
      notes text,
      -- Each roll-forward starts a new occurrence; the worker tells the owner once per occurrence.
      occurrence integer not null default 1,
      notified_occurrence integer not null default 0,
      done boolean not null default false,
      completed_at date,
      completed_km integer,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint reminders_due_check check (due_date is not null or due_km is not null)
    )`.execute(db);
  await sql`create trigger reminders_set_updated_at before update on reminders
    for each row execute function set_updated_at()`.execute(db);
  await sql`create index reminders_car_idx on reminders (car_id, created_at, id)`.execute(db);
  // The worker's scan: only the reminders whose current occurrence has not been told yet.
  await sql`create index reminders_pending_notice_idx on reminders (car_id)
    where not done and notified_occurrence < occurrence`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reminders').execute();
  await db.schema.dropTable('service_attachments').execute();
  await db.schema.dropTable('service_records').execute();
  await db.schema.dropTable('fuel_entries').execute();
  await db.schema.dropTable('odometer_readings').execute();
}

import { type Kysely, sql } from 'kysely';

// One table for garage cars (owner_id set) and dealership stock (owner_id NULL), so a sale can
// copy a car between the two and every later feature (photos, bookings) points at one table.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table cars (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid references users (id) on delete cascade,
      make text not null,
      model text not null,
      -- The upper bound (next year) moves with the clock, which a CHECK may not depend on:
      -- the application enforces it.
      year integer not null constraint cars_year_check check (year >= 1886),
      color text,
      license_plate text,
      -- Written by the application (normalizePlate), not GENERATED: upper() follows the
      -- database's locale, and a C-locale database leaves non-ASCII letters alone.
      plate_normalized text,
      vin text,
      mileage integer not null default 0 constraint cars_mileage_check check (mileage >= 0),
      notes text,
      fuel_type text constraint cars_fuel_type_check
        check (fuel_type in ('petrol', 'diesel', 'hybrid', 'electric', 'lpg', 'other')),
      body_type text constraint cars_body_type_check
        check (body_type in ('sedan', 'hatchback', 'suv', 'coupe', 'convertible', 'wagon', 'van', 'pickup', 'other')),
      transmission text constraint cars_transmission_check check (transmission in ('manual', 'automatic')),
      price numeric(12, 2) constraint cars_price_check check (price >= 0),
      status text constraint cars_status_check check (status in ('available', 'reserved', 'sold', 'removed')),
      -- What the catalogue's text search (q) matches, trigram-indexed below.
      search_text text generated always as (
        make || ' ' || model || ' ' || coalesce(color, '') || ' ' || coalesce(vin, '')
      ) stored,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint cars_plate_normalized_check check ((license_plate is null) = (plate_normalized is null)),
      -- Stock has a price and a status; a garage car has neither.
      constraint cars_stock_fields_check check (
        (owner_id is null and price is not null and status is not null)
        or (owner_id is not null and price is null and status is null)
      ),
      -- The catalogue filters on these, so stock always has them.
      constraint cars_stock_details_check check (
        owner_id is not null or (fuel_type is not null and body_type is not null and transmission is not null)
      )
    )`.execute(db);
  await sql`create trigger cars_set_updated_at before update on cars
    for each row execute function set_updated_at()`.execute(db);

  // A plate or VIN is unique within one garage and within stock, never across them: a stranger
  // can't squat a plate, and a 409 says nothing about other people's cars. The application maps
  // a violation to its message by these index names.
  await sql`create unique index cars_garage_plate_key on cars (owner_id, plate_normalized)
    where owner_id is not null`.execute(db);
  await sql`create unique index cars_stock_plate_key on cars (plate_normalized) where owner_id is null`.execute(db);
  await sql`create unique index cars_garage_vin_key on cars (owner_id, vin) where owner_id is not null`.execute(db);
  await sql`create unique index cars_stock_vin_key on cars (vin) where owner_id is null`.execute(db);

  // An owner's garage (cars.list, newest first) and the ON DELETE CASCADE from users.
  await sql`create index cars_owner_created_at_id_idx on cars (owner_id, created_at, id)
    where owner_id is not null`.execute(db);
  // The catalogue: keyset pagination over (sort key, id) for each sort, plus make with price,
  // the common "this make, this budget, cheapest first" search.
  await sql`create index cars_stock_price_id_idx on cars (price, id) where owner_id is null`.execute(db);
  await sql`create index cars_stock_year_id_idx on cars (year, id) where owner_id is null`.execute(db);
  await sql`create index cars_stock_mileage_id_idx on cars (mileage, id) where owner_id is null`.execute(db);
  await sql`create index cars_stock_created_at_id_idx on cars (created_at, id) where owner_id is null`.execute(db);
  await sql`create index cars_stock_make_price_id_idx on cars (lower(make), price, id)
    where owner_id is null`.execute(db);
  // Without statistics on lower(make) the planner guesses a make matches 0.5% of cars, and past
  // the first pages it picks a bitmap scan plus sort over the whole make instead of walking the
  // index above in order (measured: page 50 five times slower than page 1).
  await sql`create statistics cars_lower_make_stats on (lower(make)) from cars`.execute(db);
  await sql`create index cars_search_text_trgm_idx on cars using gin (search_text gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cars').execute();
}

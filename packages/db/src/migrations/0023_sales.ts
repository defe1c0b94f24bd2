import { type Kysely, sql } from 'kysely';

/**
 * Sales of stock. The sold stock row stays (status `sold`) as the dealership's record, and the
 * sale keeps its people: deleting a customer or seller who appears on a sale is refused (the
 * application answers 409 first; RESTRICT holds it whatever the application does). One sale
 * per car is the unique constraint, so two concurrent sales of one car can't both commit.
 * Commission is stored, not derived, so a later change of the seller's rate leaves past sales
 * as they were; make, model, year and VIN are a snapshot for the same reason.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table sales (
      id uuid primary key default gen_random_uuid(),
      car_id uuid not null references cars (id) on delete restrict,
      customer_id uuid not null references users (id) on delete restrict,
      staff_id uuid not null references users (id) on delete restrict,
      -- The copy in the buyer's garage; the buyer may delete it later.
      garage_car_id uuid references cars (id) on delete set null,
      price numeric(12, 2) not null constraint sales_price_check check (price >= 0),
      commission_rate numeric(5, 2) not null
        constraint sales_commission_rate_check check (commission_rate >= 0 and commission_rate <= 100),
      commission numeric(12, 2) not null constraint sales_commission_check check (commission >= 0),
      car_make text not null,
      car_model text not null,
      car_year integer not null,
      car_vin text,
      notes text,
      sold_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint sales_car_key unique (car_id)
    )`.execute(db);
  await sql`create trigger sales_set_updated_at before update on sales
    for each row execute function set_updated_at()`.execute(db);

  // sales.list (newest first, alone or by seller or customer), staff.metrics over a period, and
  // the "has this user a sale" check before a delete.
  await sql`create index sales_sold_at_id_idx on sales (sold_at, id)`.execute(db);
  await sql`create index sales_price_id_idx on sales (price, id)`.execute(db);
  await sql`create index sales_staff_sold_at_id_idx on sales (staff_id, sold_at, id)`.execute(db);
  await sql`create index sales_customer_sold_at_id_idx on sales (customer_id, sold_at, id)`.execute(db);
  // The cars ON DELETE SET NULL would scan the table without it.
  await sql`create index sales_garage_car_id_idx on sales (garage_car_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sales').execute();
}

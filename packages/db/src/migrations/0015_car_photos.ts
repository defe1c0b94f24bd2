import { type Kysely, sql } from 'kysely';

/**
 * Photos of a car, in order. The bytes live in the object storage under object_key and
 * thumbnail_key; these rows are the only record of them, so a car's photos are deleted with it
 * (ON DELETE CASCADE) and the application removes the objects after that commit.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table car_photos (
      id uuid primary key default gen_random_uuid(),
      car_id uuid not null references cars (id) on delete cascade,
      object_key text not null,
      thumbnail_key text not null,
      content_type text not null,
      width integer not null constraint car_photos_width_check check (width > 0),
      height integer not null constraint car_photos_height_check check (height > 0),
      alt_text text,
      position integer not null constraint car_photos_position_check check (position >= 0),
      is_primary boolean not null default false,
      created_at timestamptz not null default now(),
      -- Deferrable so one UPDATE that renumbers a car's photos is checked when it ends, not row
      -- by row (swapping two positions would otherwise collide half way). It also serves as the
      -- index behind "this car's photos in order".
      constraint car_photos_car_position_key unique (car_id, position) deferrable initially immediate
    )`.execute(db);
  // At most one primary photo per car, whatever the application does.
  await sql`create unique index car_photos_one_primary_key on car_photos (car_id) where is_primary`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('car_photos').execute();
}

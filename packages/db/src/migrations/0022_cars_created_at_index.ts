import type { Kysely } from 'kysely';

// The CSV export walks every car, garage and stock together, in (created_at, id) batches; the
// partial indexes of 0005 each cover one half only, so without this each batch would sort the table.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cars_created_at_id_idx').on('cars').columns(['created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cars_created_at_id_idx').execute();
}

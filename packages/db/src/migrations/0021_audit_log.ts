import { type Kysely, sql } from 'kysely';

// Who changed what, written in the transaction of the change. A row outlives its actor:
// actor_id goes NULL when the user is deleted and actor_name keeps who it was. entity_id is
// text, not a foreign key, so the row also outlives what it describes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // clock_timestamp(), not now(): rows of one transaction keep the order they were written in.
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('actor_id', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('actor_name', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('entity_id', 'text')
    // { field: [before, after] }
    .addColumn('changes', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  // admin.audit.list: newest first, alone or filtered by actor or by entity.
  await db.schema.createIndex('audit_log_at_id_idx').on('audit_log').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_log_actor_at_id_idx').on('audit_log').columns(['actor_id', 'at', 'id']).execute();
  await db.schema
    .createIndex('audit_log_entity_at_id_idx')
    .on('audit_log')
    .columns(['entity', 'entity_id', 'at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
}

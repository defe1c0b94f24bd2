import type { Kysely } from 'kysely';

// When the user accepted the terms at sign-up (null: not asked, or created by an admin or the CLI).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('terms_accepted_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('terms_accepted_at').execute();
}

import { type Kysely, sql } from 'kysely';

// A salesperson's commission, in percent with two places ("5.00"). Clients earn none, so their
// rate stays NULL; staff and admins get one when created (DEFAULT_COMMISSION_RATE otherwise).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('commission_rate', sql`numeric(5, 2)`).execute();
  await db.schema
    .alterTable('users')
    .addCheckConstraint(
      'users_commission_rate_check',
      sql`commission_rate is null or (commission_rate >= 0 and commission_rate <= 100 and role <> 'client')`,
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropConstraint('users_commission_rate_check').execute();
  await db.schema.alterTable('users').dropColumn('commission_rate').execute();
}

import type { Database } from '@carhub/db';
import { sql } from 'kysely';

/** The database's clock: a round trip that proves the database answers (health.ping). */
export async function databaseTime(db: Database): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
  const now = rows[0]?.now;
  if (!now) throw new Error('the database returned no time');
  return now;
}

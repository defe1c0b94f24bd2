import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import type { OpeningRange, ShowroomRules, Weekday } from './rules';

export interface ShowroomSettings extends ShowroomRules {
  updatedAt: Date;
}

/**
 * The showroom's settings as they are now. The zone is the row's, or `fallbackTimeZone`
 * (SHOWROOM_TZ) while no admin has chosen one. Pass `trx` to read them inside a transaction.
 */
export async function loadShowroom(db: Database, fallbackTimeZone: string): Promise<ShowroomSettings> {
  const row = await db
    .selectFrom('showroomSettings')
    .select([
      'timeZone',
      'openingHours',
      sql<string[]>`array(select to_char(d, 'YYYY-MM-DD') from unnest(closed_dates) d order by d)`.as('closedDates'),
      'minNoticeMinutes',
      'bufferMinutes',
      'updatedAt',
    ])
    .executeTakeFirstOrThrow();
  return {
    timeZone: row.timeZone ?? fallbackTimeZone,
    openingHours: row.openingHours as Record<Weekday, OpeningRange[]>,
    closedDates: row.closedDates,
    minNoticeMinutes: row.minNoticeMinutes,
    bufferMinutes: row.bufferMinutes,
    updatedAt: row.updatedAt,
  };
}

/** Replaces the settings (the row is locked: two admins saving at once queue). */
export async function saveShowroom(trx: Database, rules: ShowroomRules, actorId: string): Promise<void> {
  await trx
    .updateTable('showroomSettings')
    .set({
      timeZone: rules.timeZone,
      openingHours: JSON.stringify(rules.openingHours),
      closedDates: sql<string[]>`${[...rules.closedDates]}::date[]`,
      minNoticeMinutes: rules.minNoticeMinutes,
      bufferMinutes: rules.bufferMinutes,
      updatedBy: actorId,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', true)
    .execute();
}

/** Locks the settings row until the transaction ends (an update reads, then writes). */
export async function lockShowroom(trx: Database): Promise<void> {
  await trx.selectFrom('showroomSettings').select('id').forUpdate().execute();
}

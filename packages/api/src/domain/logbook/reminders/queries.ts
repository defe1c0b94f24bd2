import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import { AppError } from '../../../errors';
import { type KeysetSort, type Page, type PageRequest, paginate } from '../../../pagination/keyset';
import { definedFields, type WithUndefined } from '../../defined-fields';
import { reminderStatus } from './reminder-rules';
import { type ReminderOutput, reminderKeyset } from './schemas';

const reminderColumns = [
  'reminders.id',
  'reminders.carId',
  'reminders.title',
  'reminders.dueDate',
  'reminders.dueKm',
  'reminders.repeatMonths',
  'reminders.repeatKm',
  'reminders.notifyDaysBefore',
  'reminders.notifyKm',
  'reminders.notes',
  'reminders.done',
  'reminders.completedAt',
  'reminders.completedKm',
  'reminders.createdAt',
  'reminders.updatedAt',
] as const;

export type ReminderRecord = Omit<ReminderOutput, 'status'> & { done: boolean };

export function reminderNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such reminder of this car.');
}

/** The answer: the status computed for today and the car's mileage. */
export function toReminderOutput(row: ReminderRecord, today: string, mileage: number): ReminderOutput {
  const { done, ...rest } = row;
  return { ...rest, status: reminderStatus(row, today, mileage) };
}

export interface ReminderValues {
  title: string;
  dueDate: string | null;
  dueKm: number | null;
  repeatMonths: number | null;
  repeatKm: number | null;
  notifyDaysBefore: number;
  notifyKm: number;
  notes: string | null;
}

export function insertReminder(db: Database, carId: string, values: ReminderValues): Promise<ReminderRecord> {
  return db
    .insertInto('reminders')
    .values({ ...values, carId })
    .returning(reminderColumns)
    .executeTakeFirstOrThrow();
}

export function findReminder(db: Database, carId: string, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom('reminders')
    .select([...reminderColumns, 'reminders.occurrence'])
    .where('reminders.carId', '=', carId)
    .where('reminders.id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

const dueProblem = () =>
  new AppError('BAD_REQUEST', 'A reminder needs dueDate, dueKm or both.', {
    fieldErrors: { dueDate: ['Give dueDate, dueKm or both.'] },
  });

/**
 * Changes a reminder. A new due date or distance is a new occurrence: the worker may tell the
 * owner about it again. Reminder row locked here.
 */
export async function updateReminder(
  db: Database,
  carId: string,
  id: string,
  changes: WithUndefined<Partial<ReminderValues>>,
): Promise<ReminderRecord> {
  const before = await findReminder(db, carId, id, { forUpdate: true });
  if (!before) throw reminderNotFound();
  const dueDate = changes.dueDate === undefined ? before.dueDate : changes.dueDate;
  const dueKm = changes.dueKm === undefined ? before.dueKm : changes.dueKm;
  if (dueDate === null && dueKm === null) throw dueProblem();
  const dueChanged = dueDate !== before.dueDate || dueKm !== before.dueKm;
  const set = definedFields(changes);
  return db
    .updateTable('reminders')
    .set({
      ...set,
      ...(dueChanged ? { occurrence: sql<number>`occurrence + 1`, done: false } : {}),
    })
    .where('id', '=', id)
    .returning(reminderColumns)
    .executeTakeFirstOrThrow();
}

/**
 * Records a completion. A repeating reminder rolls forward to `next` (a new occurrence, so its
 * notice can come again); one that does not repeat is done. Either way the occurrence it
 * completed will never be told about: completing early sends nothing.
 */
export async function completeReminder(
  db: Database,
  id: string,
  completion: { at: string; km: number },
  next: { dueDate: string | null; dueKm: number | null } | null,
): Promise<ReminderRecord> {
  return db
    .updateTable('reminders')
    .set({
      completedAt: completion.at,
      completedKm: completion.km,
      occurrence: sql<number>`occurrence + 1`,
      ...(next ? { dueDate: next.dueDate, dueKm: next.dueKm } : { done: true }),
    })
    .where('id', '=', id)
    .returning(reminderColumns)
    .executeTakeFirstOrThrow();
}

export async function deleteReminder(db: Database, carId: string, id: string): Promise<void> {
  const result = await db.deleteFrom('reminders').where('id', '=', id).where('carId', '=', carId).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw reminderNotFound();
}

export function listReminders(
  db: Database,
  carId: string,
  page: PageRequest<KeysetSort<typeof reminderKeyset>>,
): Promise<Page<ReminderRecord>> {
  return paginate(
    db.selectFrom('reminders').select(reminderColumns).where('reminders.carId', '=', carId),
    reminderKeyset,
    page,
  );
}

import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import { enqueue } from '../../notifications/enqueue';

export interface DueReminderNotice {
  reminderId: string;
  carId: string;
  ownerId: string | null;
}

/**
 * Tells the owner about every reminder whose current occurrence has become due (by date on
 * `today`, or by the car's mileage after a new reading) and has not been told yet: in-app and
 * by e-mail through the outbox (`reminder.due`, which webhooks may subscribe to). One
 * statement marks the occurrence as told and returns it, and the events go into the same
 * transaction: two workers running this at once queue on the row locks, and the second finds
 * nothing left to tell, so each occurrence is told exactly once. A reminder completed (or
 * rolled forward) first is a new occurrence that is not due: nothing is sent for the old one.
 */
export async function notifyDueReminders(db: Database, today: string): Promise<DueReminderNotice[]> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      id: string;
      carId: string;
      ownerId: string | null;
      title: string;
      dueDate: string | null;
      dueKm: number | null;
      mileage: number;
      occurrence: number;
      carLabel: string;
    }>`
      update reminders r set notified_occurrence = r.occurrence
        from cars c
       where c.id = r.car_id
         and not r.done
         and r.notified_occurrence < r.occurrence
         and ((r.due_date is not null and r.due_date - r.notify_days_before <= ${today}::date)
              or (r.due_km is not null and c.mileage >= r.due_km - r.notify_km))
      returning r.id, r.car_id, c.owner_id, r.title, r.due_date::text as due_date, r.due_km, c.mileage,
                r.occurrence, c.year || ' ' || c.make || ' ' || c.model as car_label`.execute(trx);
    for (const row of rows) {
      await enqueue(trx, {
        type: 'reminder.due',
        recipients: row.ownerId ? [row.ownerId] : [],
        payload: {
          reminderId: row.id,
          carId: row.carId,
          carLabel: row.carLabel,
          title: row.title,
          dueDate: row.dueDate,
          dueKm: row.dueKm,
          mileage: row.mileage,
          occurrence: row.occurrence,
          overdue: (row.dueDate !== null && today > row.dueDate) || (row.dueKm !== null && row.mileage > row.dueKm),
        },
      });
    }
    return rows.map((row) => ({ reminderId: row.id, carId: row.carId, ownerId: row.ownerId }));
  });
}

import { createDb, type Database } from '@carhub/db';
import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyDueReminders } from '../src/domain/logbook/reminders/notify-due';
import { showroom } from './booking-helpers';
import { errorOf } from './car-helpers';
import { userWithRole } from './helpers';
import { drain, startSmtpServer, testWorker } from './notify-helpers';

let t: TestDatabase;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const { clock, settings } = showroom('UTC', new Date('2026-06-01T10:00:00Z'));
type User = Awaited<ReturnType<typeof userWithRole>>;
let owner: User;
let ownerEmail: string;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpServer();
  owner = await userWithRole(t.db, 'client', settings);
  const row = await t.db.selectFrom('users').select('email').where('id', '=', owner.id).executeTakeFirstOrThrow();
  ownerEmail = row.email;
});
afterAll(async () => {
  await smtp.close();
  await t.destroy();
});

/** The reminder.due events of one reminder, with their in-app rows and e-mails. */
async function notices(db: Database, reminderId: string) {
  const events = await db
    .selectFrom('outboxEvents')
    .select(['id', 'payload'])
    .where('type', '=', 'reminder.due')
    .execute();
  return events.filter((e) => (e.payload as { reminderId?: string }).reminderId === reminderId);
}

const worker = () => testWorker(t.db, { smtpUrl: smtp.url, now: () => clock.now, reminderScanIntervalMs: 0 });

async function newCar(km = 10_000) {
  const car = await owner.caller.cars.create({ make: 'Mazda', model: 'CX-5', year: 2021 });
  await owner.caller.cars.odometer.add({ id: car.id, at: '2026-01-01', km });
  return car;
}

describe('reminders', () => {
  it('becomes due by date on the injected clock and tells the owner once, in-app and by e-mail', async () => {
    clock.now = new Date('2026-06-01T10:00:00Z');
    const car = await newCar();
    const reminder = await owner.caller.cars.reminders.create({
      id: car.id,
      title: 'Inspection',
      dueDate: '2026-07-01',
    });
    expect(reminder).toMatchObject({ status: 'upcoming', notifyDaysBefore: 14, notifyKm: 500, dueKm: null });
    const w = worker();
    await drain(w);
    expect(await notices(t.db, reminder.id)).toEqual([]);

    clock.now = new Date('2026-06-17T08:00:00Z');
    expect((await owner.caller.cars.reminders.list({ id: car.id })).items[0]?.status).toBe('due');
    await drain(w);
    await drain(w);
    const events = await notices(t.db, reminder.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({
      title: 'Inspection',
      dueDate: '2026-07-01',
      occurrence: 1,
      overdue: false,
    });
    const inApp = await owner.caller.notifications.list({});
    expect(inApp.items.filter((n) => n.type === 'reminder.due').map((n) => n.title)).toEqual([
      'Due soon: Inspection for the 2021 Mazda CX-5',
    ]);
    expect(smtp.messages.filter((m) => m.to.includes(ownerEmail) && m.subject?.includes('Inspection'))).toHaveLength(1);

    clock.now = new Date('2026-07-02T08:00:00Z');
    expect((await owner.caller.cars.reminders.list({ id: car.id })).items[0]?.status).toBe('overdue');
    await drain(w);
    expect(await notices(t.db, reminder.id)).toHaveLength(1);
  });

  it('becomes due by a new odometer reading', async () => {
    clock.now = new Date('2026-06-01T10:00:00Z');
    const car = await newCar(10_000);
    const reminder = await owner.caller.cars.reminders.create({
      id: car.id,
      title: 'Oil',
      dueKm: 15_000,
      notifyKm: 1_000,
    });
    const w = worker();
    await drain(w);
    expect(await notices(t.db, reminder.id)).toEqual([]);
    await owner.caller.cars.odometer.add({ id: car.id, at: '2026-05-30', km: 13_999 });
    await drain(w);
    expect(await notices(t.db, reminder.id)).toEqual([]);
    // A fill-up's odometer value is a reading too.
    await owner.caller.cars.fuel.add({
      id: car.id,
      at: '2026-05-31',
      odometerKm: 14_100,
      liters: '40',
      totalCost: '70',
    });
    expect((await owner.caller.cars.reminders.list({ id: car.id })).items[0]?.status).toBe('due');
    await drain(w);
    expect((await notices(t.db, reminder.id)).map((e) => e.payload)).toMatchObject([
      { mileage: 14_100, dueKm: 15_000 },
    ]);
  });

  it('with both, comes by whichever is first; a repeating one rolls forward and comes again', async () => {
    clock.now = new Date('2026-06-01T10:00:00Z');
    const car = await newCar(20_000);
    const reminder = await owner.caller.cars.reminders.create({
      id: car.id,
      title: 'Service',
      dueDate: '2027-01-01',
      dueKm: 35_000,
      repeatMonths: 12,
      repeatKm: 15_000,
    });
    expect(reminder.status).toBe('upcoming');
    await owner.caller.cars.odometer.add({ id: car.id, at: '2026-06-01', km: 34_600 });
    const w = worker();
    await drain(w);
    expect(await notices(t.db, reminder.id)).toHaveLength(1);

    const done = await owner.caller.cars.reminders.complete({
      id: car.id,
      reminderId: reminder.id,
      at: '2026-06-01',
      odometerKm: 34_700,
    });
    expect(done).toMatchObject({
      dueDate: '2027-06-01',
      dueKm: 49_700,
      completedAt: '2026-06-01',
      completedKm: 34_700,
      status: 'upcoming',
    });
    expect((await owner.caller.cars.get({ id: car.id })).mileage).toBe(34_700);
    await drain(w);
    expect(await notices(t.db, reminder.id)).toHaveLength(1);
    // The next occurrence comes by date this time.
    clock.now = new Date('2027-05-20T08:00:00Z');
    await drain(w);
    const events = await notices(t.db, reminder.id);
    expect(events.map((e) => (e.payload as { occurrence: number }).occurrence)).toEqual([1, 2]);
  });

  it('sends nothing for a reminder completed before it fires', async () => {
    clock.now = new Date('2026-06-01T10:00:00Z');
    const car = await newCar();
    const once = await owner.caller.cars.reminders.create({ id: car.id, title: 'Wipers', dueDate: '2026-06-20' });
    const repeating = await owner.caller.cars.reminders.create({
      id: car.id,
      title: 'Filter',
      dueDate: '2026-06-20',
      repeatMonths: 6,
    });
    expect((await owner.caller.cars.reminders.complete({ id: car.id, reminderId: once.id })).status).toBe('done');
    const rolled = await owner.caller.cars.reminders.complete({ id: car.id, reminderId: repeating.id });
    expect(rolled).toMatchObject({ dueDate: '2026-12-01', status: 'upcoming' });
    clock.now = new Date('2026-06-25T08:00:00Z');
    await drain(worker());
    expect(await notices(t.db, once.id)).toEqual([]);
    expect(await notices(t.db, repeating.id)).toEqual([]);
  });

  it('tells each occurrence exactly once with two workers at it', async () => {
    clock.now = new Date('2026-06-01T10:00:00Z');
    const car = await newCar();
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      ids.push((await owner.caller.cars.reminders.create({ id: car.id, title: `Job ${i}`, dueDate: '2026-06-05' })).id);
    }
    // Two workers with their own connections where the engine has them (PostgreSQL).
    const second = t.engine === 'postgres' ? createDb(t.url) : t.db;
    try {
      await Promise.all(
        Array.from({ length: 6 }, (_, i) => notifyDueReminders(i % 2 === 0 ? t.db : second, '2026-06-01')),
      );
      for (const id of ids) expect(await notices(t.db, id)).toHaveLength(1);
    } finally {
      if (second !== t.db) await second.destroy();
    }
  });

  it('refuses a reminder with neither date nor distance, and another user’s car is not found', async () => {
    const car = await newCar();
    const none = await errorOf(owner.caller.cars.reminders.create({ id: car.id, title: 'Nothing' }));
    expect(none.code).toBe('BAD_REQUEST');
    const stranger = await userWithRole(t.db, 'client', settings);
    const hidden = await errorOf(stranger.caller.cars.reminders.list({ id: car.id }));
    expect(hidden.code).toBe('NOT_FOUND');
  });
});

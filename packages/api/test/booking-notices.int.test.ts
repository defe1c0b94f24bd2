import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showroom, stockFields } from './booking-helpers';
import { userWithRole } from './helpers';
import { drain, startSmtpServer, testWorker } from './notify-helpers';

/**
 * Who is told: staff of test-drive requests (new and moved), a guest renter of their rental
 * by e-mail only, delivered through the real worker to a real SMTP server.
 */
let t: TestDatabase;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const { settings } = showroom('UTC', new Date('2030-03-01T08:00:00Z'));
type User = Awaited<ReturnType<typeof userWithRole>>;
let staff: User;
let admin: User;
let retired: User;
let customer: User;
let owner: User;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpServer();
  staff = await userWithRole(t.db, 'staff', settings);
  admin = await userWithRole(t.db, 'admin', settings);
  retired = await userWithRole(t.db, 'staff', settings);
  await t.db.updateTable('users').set({ isActive: false }).where('id', '=', retired.id).execute();
  customer = await userWithRole(t.db, 'client', settings);
  owner = await userWithRole(t.db, 'client', settings);
});
afterAll(async () => {
  await smtp.close();
  await t.destroy();
});

const notificationsOf = (userId: string, type: string) =>
  t.db
    .selectFrom('notifications')
    .select(['title', 'body'])
    .where('userId', '=', userId)
    .where('type', '=', type)
    .execute();

describe('booking.requested', () => {
  it('goes to every active staff member and admin (in-app and e-mail) and to webhooks, for a new and a moved test drive', async () => {
    const hook = await t.db
      .insertInto('webhookEndpoints')
      .values({ url: 'http://127.0.0.1:9/hook', events: ['booking.requested'], secret: 'secret' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const car = await staff.caller.inventory.create({ make: 'Mazda', model: 'MX-5', year: 2021, ...stockFields });
    const booking = await customer.caller.bookings.create({
      carId: car.id,
      kind: 'test_drive',
      startAt: new Date('2030-03-05T10:00:00Z'),
    });
    await staff.caller.bookings.approve({ id: booking.id });
    await customer.caller.bookings.reschedule({ id: booking.id, startAt: new Date('2030-03-06T11:00:00Z') });

    const { rows } = await sql<{ channel: string; recipientId: string | null; webhookId: string | null }>`
      select d.channel, d.recipient_id, d.webhook_id from outbox_deliveries d join outbox_events e on e.id = d.event_id
      where e.type = 'booking.requested' and e.payload->>'bookingId' = ${booking.id}`.execute(t.db);
    const told = (channel: string) =>
      rows
        .filter((r) => r.channel === channel)
        .map((r) => r.recipientId)
        .sort();
    // Twice (asked, then moved), to staff and admin, never the deactivated one or the customer.
    expect(told('in_app')).toEqual([staff.id, staff.id, admin.id, admin.id].sort());
    expect(told('email')).toEqual([staff.id, staff.id, admin.id, admin.id].sort());
    expect(rows.filter((r) => r.webhookId === hook.id)).toHaveLength(2);

    await drain(testWorker(t.db, { smtpUrl: smtp.url, maxAttempts: 1 }));
    const inApp = await notificationsOf(staff.id, 'booking.requested');
    expect(inApp.map((n) => n.title).sort()).toEqual(
      ['Test drive to approve: the 2021 Mazda MX-5', 'Test drive to approve: the 2021 Mazda MX-5, moved'].sort(),
    );
    expect(await notificationsOf(retired.id, 'booking.requested')).toEqual([]);
    expect(await notificationsOf(customer.id, 'booking.requested')).toEqual([]);
    // A rental is no request: staff hear nothing of it.
    const before = (await notificationsOf(staff.id, 'booking.requested')).length;
    await staff.caller.bookings.create({
      carId: car.id,
      kind: 'rental',
      startDate: '2030-04-01',
      endDate: '2030-04-02',
      customerId: customer.id,
    });
    await drain(testWorker(t.db, { smtpUrl: smtp.url, maxAttempts: 1 }));
    expect(await notificationsOf(staff.id, 'booking.requested')).toHaveLength(before);
  });
});

describe('a guest renter', () => {
  it('is e-mailed on booking, move and cancellation, with the times in the showroom zone, and gets no in-app row', async () => {
    // The showroom's zone comes from its settings (the worker itself was started with UTC).
    await admin.caller.admin.showroom.update({
      timeZone: 'America/New_York',
      openingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      closedDates: [],
      minNoticeMinutes: 0,
      bufferMinutes: 0,
    });
    const van = await owner.caller.cars.create({ make: 'Ford', model: 'Transit', year: 2019 });
    const rental = await owner.caller.bookings.create({
      carId: van.id,
      kind: 'rental',
      startAt: new Date('2030-07-04T14:00:00Z'),
      endAt: new Date('2030-07-06T13:30:00Z'),
      renterName: 'Gail Guest',
      renterEmail: 'gail@guest.example',
    });
    await owner.caller.bookings.reschedule({
      id: rental.id,
      startAt: new Date('2030-07-05T14:00:00Z'),
      endAt: new Date('2030-07-07T13:30:00Z'),
    });
    await owner.caller.bookings.cancel({ id: rental.id, reason: 'Van off the road' });
    await drain(testWorker(t.db, { smtpUrl: smtp.url, maxAttempts: 1 }));

    // One batch sends its e-mails side by side: they may arrive in any order.
    const mails = smtp.messages.filter((m) => m.to.includes('gail@guest.example'));
    const bySubject = (verb: string) =>
      mails.find((m) => m.subject?.replace(/\s+/g, ' ') === `Your rental of the 2019 Ford Transit ${verb}`);
    expect(mails).toHaveLength(3);
    // 14:00 UTC in July is 10:00 in New York (EDT); 13:30 UTC is 09:30.
    expect(bySubject('is booked')?.decoded).toContain(
      'From Thu, 4 Jul 2030, 10:00 (America/New_York) to Sat, 6 Jul 2030, 09:30 (America/New_York)',
    );
    expect(bySubject('was moved')?.decoded).toContain('Now: Fri, 5 Jul 2030, 10:00 (America/New_York)');
    expect(bySubject('was cancelled')?.decoded).toContain('Reason: Van off the road');
    const guestDeliveries = await t.db
      .selectFrom('outboxDeliveries')
      .select(['channel', 'status', 'recipientId'])
      .where('recipientEmail', '=', 'gail@guest.example')
      .execute();
    expect(guestDeliveries).toHaveLength(3);
    expect(
      guestDeliveries.every((d) => d.channel === 'email' && d.status === 'delivered' && d.recipientId === null),
    ).toBe(true);
    // The owner (the booking's customer) still hears in-app, as before.
    expect((await notificationsOf(owner.id, 'booking.created')).length).toBe(1);
  });
});

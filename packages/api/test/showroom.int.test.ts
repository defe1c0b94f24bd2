import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ShowroomRules } from '../src/domain/showroom/rules';
import { zonedInstant } from '../src/domain/showroom/showroom-time';
import { showroom, stockFields } from './booking-helpers';
import { errorOf, fieldMessages } from './car-helpers';
import { callerFor, userWithRole } from './helpers';

/**
 * The showroom's settings as test drives meet them: closed weekdays and dates, a lunch break,
 * the notice, the buffer, across the 2027 DST changes of Berlin (28 Mar, 31 Oct) and New York
 * (14 Mar, 7 Nov). Slots and creation must agree: every slot offered is bookable, and nothing
 * else is.
 */
let t: TestDatabase;
const { clock, settings } = showroom('UTC', new Date('2027-01-01T00:00:00Z'));
let admin: Awaited<ReturnType<typeof userWithRole>>;
let staff: Awaited<ReturnType<typeof userWithRole>>;
let customer: Awaited<ReturnType<typeof userWithRole>>;

const day = (from: string, to: string) => [{ from, to }];
const weekly = (ranges: { from: string; to: string }[]) => ({
  mon: ranges,
  tue: ranges,
  wed: ranges,
  thu: ranges,
  fri: ranges,
  sat: ranges,
  sun: ranges,
});
const rules = (overrides: Partial<ShowroomRules> = {}): ShowroomRules => ({
  timeZone: 'Europe/Berlin',
  openingHours: weekly(day('09:00', '17:00')),
  closedDates: [],
  minNoticeMinutes: 0,
  bufferMinutes: 0,
  ...overrides,
});

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await userWithRole(t.db, 'admin', settings);
  staff = await userWithRole(t.db, 'staff', settings);
  customer = await userWithRole(t.db, 'client', settings);
});
afterAll(() => t.destroy());
beforeEach(() => {
  clock.now = new Date('2027-01-01T00:00:00Z');
});

async function car() {
  return (await staff.caller.inventory.create({ make: 'Seat', model: 'Leon', year: 2023, ...stockFields })).id;
}
const at = (date: string, hour: number, zone: string, minute = 0) => {
  const instant = zonedInstant(date, hour, minute, zone);
  if (!instant) throw new Error(`${date} ${hour}:${minute} does not exist in ${zone}`);
  return instant;
};
async function slotsOf(carId: string, date: string) {
  return (await (await callerFor(t.db, { settings })).inventory.slots({ carId, date })).slots.map((s) => s.localTime);
}
/** Each test drive for a new customer: a client holds at most three at once. */
async function book(carId: string, startAt: Date) {
  customer = await userWithRole(t.db, 'client', settings);
  return staff.caller.bookings.create({ carId, kind: 'test_drive', startAt, customerId: customer.id });
}
async function refusal(carId: string, startAt: Date) {
  const error = await errorOf(book(carId, startAt));
  expect(error.code).toBe('BAD_REQUEST');
  return fieldMessages(error).startAt?.[0] ?? '';
}

describe('opening hours, closed days and dates', () => {
  it('a closed Sunday and a closed date offer no slots and refuse a booking, saying why', async () => {
    await admin.caller.admin.showroom.update(
      rules({ openingHours: { ...weekly(day('09:00', '17:00')), sun: [] }, closedDates: ['2027-06-09'] }),
    );
    const carId = await car();
    expect(await slotsOf(carId, '2027-06-06')).toEqual([]); // a Sunday
    expect(await refusal(carId, at('2027-06-06', 10, 'Europe/Berlin'))).toContain('closed on Sundays');
    expect(await slotsOf(carId, '2027-06-09')).toEqual([]); // a Wednesday, closed by date
    expect(await refusal(carId, at('2027-06-09', 10, 'Europe/Berlin'))).toContain('closed on 2027-06-09');
    expect(await slotsOf(carId, '2027-06-07')).toHaveLength(8);
    await book(carId, at('2027-06-07', 10, 'Europe/Berlin'));
  });

  it('a lunch break splits the day: the hour across it is refused', async () => {
    await admin.caller.admin.showroom.update(
      rules({
        openingHours: weekly([
          { from: '09:00', to: '12:30' },
          { from: '13:30', to: '18:00' },
        ]),
      }),
    );
    const carId = await car();
    expect(await slotsOf(carId, '2027-06-08')).toEqual(['09:00', '10:00', '11:00', '14:00', '15:00', '16:00', '17:00']);
    expect(await refusal(carId, at('2027-06-08', 12, 'Europe/Berlin'))).toContain('During a break');
    expect(await refusal(carId, at('2027-06-08', 13, 'Europe/Berlin'))).toContain('During a break');
    expect(await refusal(carId, at('2027-06-08', 8, 'Europe/Berlin'))).toContain('Before opening');
    expect(await refusal(carId, at('2027-06-08', 18, 'Europe/Berlin'))).toContain('After closing');
    await book(carId, at('2027-06-08', 17, 'Europe/Berlin'));
  });
});

describe('minimum notice', () => {
  it('refuses a start inside the notice and accepts one just past it; slots agree', async () => {
    await admin.caller.admin.showroom.update(rules({ minNoticeMinutes: 150 }));
    const carId = await car();
    clock.now = at('2027-06-08', 9, 'Europe/Berlin', 30); // 09:30: the earliest start is 12:00
    expect(await slotsOf(carId, '2027-06-08')).toEqual(['12:00', '13:00', '14:00', '15:00', '16:00']);
    expect(await refusal(carId, at('2027-06-08', 11, 'Europe/Berlin'))).toContain('Too soon');
    await book(carId, at('2027-06-08', 12, 'Europe/Berlin'));
  });
});

describe('buffer between bookings of one car', () => {
  it('keeps the buffer either side in slots and creation, and moving a booking obeys it too', async () => {
    await admin.caller.admin.showroom.update(rules({ bufferMinutes: 60 }));
    const carId = await car();
    const first = await book(carId, at('2027-06-10', 12, 'Europe/Berlin'));
    expect(await slotsOf(carId, '2027-06-10')).toEqual(['09:00', '10:00', '14:00', '15:00', '16:00']);
    expect(await refusal(carId, at('2027-06-10', 13, 'Europe/Berlin'))).toContain('Too close');
    expect(await refusal(carId, at('2027-06-10', 11, 'Europe/Berlin'))).toContain('60 minutes');
    const second = await book(carId, at('2027-06-10', 14, 'Europe/Berlin'));
    const moved = await errorOf(
      staff.caller.bookings.reschedule({ id: second.id, startAt: at('2027-06-10', 13, 'Europe/Berlin') }),
    );
    expect(fieldMessages(moved).startAt?.[0]).toContain('Too close');
    // Moving the first one itself is judged without it.
    const earlier = await staff.caller.bookings.reschedule({
      id: first.id,
      startAt: at('2027-06-10', 11, 'Europe/Berlin'),
    });
    expect(earlier.startAt).toEqual(at('2027-06-10', 11, 'Europe/Berlin'));
  });

  it('is held by the database too: a row written past the application is refused', async () => {
    await admin.caller.admin.showroom.update(rules({ bufferMinutes: 60 }));
    const carId = await car();
    await book(carId, at('2027-06-11', 12, 'Europe/Berlin'));
    const insert = sql`insert into bookings (car_id, kind, status, start_at, end_at, buffer_minutes)
      values (${carId}, 'test_drive', 'pending', ${at('2027-06-11', 13, 'Europe/Berlin', 30)}, ${at('2027-06-11', 14, 'Europe/Berlin', 30)}, 60)`;
    await expect(insert.execute(t.db)).rejects.toMatchObject({ code: '23P01', constraint: 'bookings_buffer_clear' });
  });

  it('changing the settings leaves existing bookings as they were', async () => {
    await admin.caller.admin.showroom.update(rules({ bufferMinutes: 0 }));
    const carId = await car();
    const kept = await book(carId, at('2027-06-12', 10, 'Europe/Berlin'));
    await admin.caller.admin.showroom.update(
      rules({ bufferMinutes: 150, openingHours: weekly(day('13:00', '17:00')) }),
    );
    const row = await t.db
      .selectFrom('bookings')
      .select(['status', 'startAt', 'bufferMinutes'])
      .where('id', '=', kept.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', startAt: kept.startAt, bufferMinutes: 0 });
    // A new one keeps today's buffer from it: 10:00-11:00 plus 150 minutes means 13:00 is too close.
    expect(await slotsOf(carId, '2027-06-12')).toEqual(['14:00', '15:00', '16:00']);
  });
});

describe('daylight-saving changes', () => {
  it.each([
    // Berlin: 02:00 -> 03:00 on 28 March; 03:00 -> 02:00 on 31 October.
    ['Europe/Berlin', '2027-03-28', '07:00'],
    ['Europe/Berlin', '2027-10-31', '08:00'],
    // New York: 02:00 -> 03:00 on 14 March; 02:00 -> 01:00 on 7 November.
    ['America/New_York', '2027-03-14', '13:00'],
    ['America/New_York', '2027-11-07', '14:00'],
  ])(
    '%s on %s: a lunch break and a closing hour stay on local time (first slot %s UTC)',
    async (zone, date, firstUtc) => {
      await admin.caller.admin.showroom.update(
        rules({
          timeZone: zone,
          openingHours: weekly([
            { from: '09:00', to: '12:00' },
            { from: '13:00', to: '16:00' },
          ]),
          bufferMinutes: 0,
        }),
      );
      const carId = await car();
      const result = await (await callerFor(t.db, { settings })).inventory.slots({ carId, date });
      expect(result.timeZone).toBe(zone);
      expect(result.slots.map((s) => s.localTime)).toEqual(['09:00', '10:00', '11:00', '13:00', '14:00', '15:00']);
      expect(result.slots[0]?.startAt.toISOString().slice(11, 16)).toBe(firstUtc);
      for (const slot of result.slots) await book(carId, slot.startAt);
      expect(await refusal(carId, at(date, 12, zone))).toContain('During a break');
      expect(await refusal(carId, at(date, 16, zone))).toContain('After closing');
    },
  );

  it('New York night hours over the spring gap and the doubled autumn hour', async () => {
    await admin.caller.admin.showroom.update(
      rules({ timeZone: 'America/New_York', openingHours: weekly(day('00:00', '04:00')) }),
    );
    const carId = await car();
    // 02:00 does not exist on 14 March: the starts are 00:00, 01:00 and 03:00 (01:00 ends at 03:00 EDT).
    expect(await slotsOf(carId, '2027-03-14')).toEqual(['00:00', '01:00', '03:00']);
    // 01:00 happens twice on 7 November; the day has five hours before 04:00 and four one-hour starts.
    expect(await slotsOf(carId, '2027-11-07')).toEqual(['00:00', '01:00', '02:00', '03:00']);
  });
});

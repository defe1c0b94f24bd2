import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedInstant } from '../src/domain/showroom/showroom-time';
import { showroom, stockFields } from './booking-helpers';
import { errorOf } from './car-helpers';
import { callerFor, userWithRole } from './helpers';

/**
 * inventory.slots across daylight-saving changes: the 2027 transitions of Europe/Berlin
 * (28 March: 02:00 -> 03:00; 31 October: 03:00 -> 02:00) and Asia/Karachi, which has none.
 */
let t: TestDatabase;
let carId: string;
let garageCarId: string;
let staffToken: string;
const clock = { now: new Date('2027-01-01T00:00:00Z') };

beforeAll(async () => {
  t = await createTestDatabase();
  const { settings } = showroom('Europe/Berlin', clock.now);
  const staff = await userWithRole(t.db, 'staff', settings);
  staffToken = staff.token;
  carId = (await staff.caller.inventory.create({ make: 'Skoda', model: 'Octavia', year: 2021, ...stockFields })).id;
  const owner = await userWithRole(t.db, 'client', settings);
  garageCarId = (await owner.caller.cars.create({ make: 'Fiat', model: 'Uno', year: 1990 })).id;
});
afterAll(() => t.destroy());

function callerIn(timeZone: string, token?: string) {
  return callerFor(t.db, {
    ...(token ? { token } : {}),
    settings: { showroomTimeZone: timeZone, now: () => clock.now },
  });
}

const utc = (slots: { startAt: Date }[]) => slots.map((s) => s.startAt.toISOString().slice(11, 16));

describe('inventory.slots', () => {
  it.each([
    // The day before spring forward: CET, UTC+1.
    ['Europe/Berlin', '2027-03-27', '08:00'],
    // Spring forward: 09:00-16:00 are all CEST, UTC+2.
    ['Europe/Berlin', '2027-03-28', '07:00'],
    // Fall back: the repeated hour is 02:00-03:00, so from 09:00 it is CET again, UTC+1.
    ['Europe/Berlin', '2027-10-31', '08:00'],
    ['Europe/Berlin', '2027-10-30', '07:00'],
    // No daylight saving: UTC+5 all year.
    ['Asia/Karachi', '2027-03-28', '04:00'],
    ['Asia/Karachi', '2027-10-31', '04:00'],
  ])('%s on %s: eight one-hour starts from 09:00 local (first at %s UTC)', async (timeZone, date, firstUtc) => {
    const result = await (await callerIn(timeZone)).inventory.slots({ carId, date });
    expect(result.date).toBe(date);
    expect(result.timeZone).toBe(timeZone);
    expect(result.slots.map((s) => s.localTime)).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
    expect(utc(result.slots)[0]).toBe(firstUtc);
    for (const slot of result.slots) expect(slot.endAt.getTime() - slot.startAt.getTime()).toBe(3600_000);
    // Consecutive starts an hour apart: no doubled or skipped hour leaks in.
    for (let i = 1; i < result.slots.length; i++) {
      expect(result.slots[i]?.startAt.getTime()).toBe((result.slots[i - 1]?.startAt.getTime() ?? 0) + 3600_000);
    }
  });

  it('leaves out taken starts (until cancelled) and those already past', async () => {
    const staff = await callerIn('Europe/Berlin', staffToken);
    const customer = await userWithRole(t.db, 'client', { showroomTimeZone: 'Europe/Berlin', now: () => clock.now });
    const startAt = zonedInstant('2027-03-28', 11, 0, 'Europe/Berlin');
    if (!startAt) throw new Error('no such time');
    const booking = await staff.bookings.create({ carId, kind: 'test_drive', startAt, customerId: customer.id });
    const anonymous = await callerIn('Europe/Berlin');
    const free = await anonymous.inventory.slots({ carId, date: '2027-03-28' });
    expect(free.slots.map((s) => s.localTime)).not.toContain('11:00');
    expect(free.slots).toHaveLength(7);

    // A whole-day rental of the day after takes all its slots.
    await staff.bookings.create({
      carId,
      kind: 'rental',
      customerId: customer.id,
      startDate: '2027-03-29',
      endDate: '2027-03-29',
    });
    expect((await anonymous.inventory.slots({ carId, date: '2027-03-29' })).slots).toEqual([]);

    await staff.bookings.cancel({ id: booking.id });
    expect((await anonymous.inventory.slots({ carId, date: '2027-03-28' })).slots).toHaveLength(8);

    const saved = clock.now;
    clock.now = new Date('2027-03-28T10:30:00Z'); // 12:30 CEST
    try {
      const later = await anonymous.inventory.slots({ carId, date: '2027-03-28' });
      expect(later.slots.map((s) => s.localTime)).toEqual(['13:00', '14:00', '15:00', '16:00']);
    } finally {
      clock.now = saved;
    }
  });

  it('a whole-day rental spans the short and the long day exactly', async () => {
    const staff = await callerIn('Europe/Berlin', staffToken);
    const customer = await userWithRole(t.db, 'client', { showroomTimeZone: 'Europe/Berlin', now: () => clock.now });
    const short = await staff.bookings.create({
      carId,
      kind: 'rental',
      customerId: customer.id,
      startDate: '2027-03-28',
      endDate: '2027-03-28',
    });
    expect([short.startAt.toISOString(), short.endAt.toISOString()]).toEqual([
      '2027-03-27T23:00:00.000Z',
      '2027-03-28T22:00:00.000Z',
    ]);
    const long = await staff.bookings.create({
      carId,
      kind: 'rental',
      customerId: customer.id,
      startDate: '2027-10-31',
      endDate: '2027-10-31',
    });
    expect((long.endAt.getTime() - long.startAt.getTime()) / 3600_000).toBe(25);
  });

  it('is for visible stock only; a bad date is a 400', async () => {
    const anonymous = await callerIn('Europe/Berlin');
    expect((await errorOf(anonymous.inventory.slots({ carId: garageCarId, date: '2027-03-28' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await errorOf(anonymous.inventory.slots({ carId, date: '2027-02-30' }))).code).toBe('BAD_REQUEST');
  });
});

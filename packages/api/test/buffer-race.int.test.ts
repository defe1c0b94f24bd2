import { createDb, type Database, isPgError } from '@carhub/db';
import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import type { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showroom, stockFields } from './booking-helpers';
import { callerFor, userWithRole } from './helpers';

/**
 * The showroom's buffer under real concurrency (PostgreSQL: PGlite runs one transaction at a
 * time, so nothing races there). Requests arrive through five connection pools at once; no
 * two bookings of the car may end up closer than the buffer, and every refusal is a 400 or
 * 409, never a 500.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let t: TestDatabase;
let pools: Database[] = [];
const { settings } = showroom('UTC', new Date('2027-01-01T00:00:00Z'));
const everyHour = [{ from: '00:00', to: '24:00' }];
const BUFFER = 60;
const MINUTE = 60_000;

beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestDatabase();
  pools = Array.from({ length: 5 }, () => createDb(t.url, { poolSize: 10 }));
  const admin = await userWithRole(t.db, 'admin', settings);
  await admin.caller.admin.showroom.update({
    timeZone: 'UTC',
    openingHours: {
      mon: everyHour,
      tue: everyHour,
      wed: everyHour,
      thu: everyHour,
      fri: everyHour,
      sat: everyHour,
      sun: everyHour,
    },
    closedDates: [],
    minNoticeMinutes: 0,
    bufferMinutes: BUFFER,
  });
}, 60_000);
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.destroy()));
  await t?.destroy();
});

async function activeIntervals(carId: string) {
  const rows = await t.db
    .selectFrom('bookings')
    .select(['startAt', 'endAt'])
    .where('carId', '=', carId)
    .where('status', 'in', ['pending', 'approved'])
    .orderBy('startAt')
    .execute();
  return rows;
}

function assertBufferKept(rows: Array<{ startAt: Date; endAt: Date }>) {
  for (let i = 1; i < rows.length; i++) {
    const gap = (rows[i]?.startAt.getTime() ?? 0) - (rows[i - 1]?.endAt.getTime() ?? 0);
    expect(gap).toBeGreaterThanOrEqual(BUFFER * MINUTE);
  }
}

describe.skipIf(!onPostgres)('the buffer under a race (PostgreSQL)', () => {
  it('50 bookings.create at once on one car, starts on adjacent hours: none closer than the buffer', async () => {
    const staff = await userWithRole(t.db, 'staff', settings);
    const carId = (await staff.caller.inventory.create({ make: 'Kia', model: 'Ceed', year: 2024, ...stockFields })).id;
    const customers = await Promise.all(Array.from({ length: 50 }, () => userWithRole(t.db, 'client', settings)));
    const callers = await Promise.all(
      customers.map((_, i) => callerFor(pools[i % pools.length] as Database, { token: staff.token, settings })),
    );
    const base = Date.UTC(2027, 5, 1, 0);
    // 25 hourly starts, each asked for twice: every request races its neighbours and its twin.
    const results = await Promise.allSettled(
      callers.map((caller, i) =>
        caller.bookings.create({
          carId,
          kind: 'test_drive',
          startAt: new Date(base + Math.floor(i / 2) * 60 * MINUTE),
          customerId: customers[i]?.id,
        }),
      ),
    );
    const codes = results.map((r) => (r.status === 'fulfilled' ? 'OK' : (r.reason as TRPCError).code));
    expect(codes.filter((c) => !['OK', 'BAD_REQUEST', 'CONFLICT'].includes(c))).toEqual([]);
    const rows = await activeIntervals(carId);
    expect(rows.length).toBe(codes.filter((c) => c === 'OK').length);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    assertBufferKept(rows);
  }, 120_000);

  it('50 inserts at once past the application, 30 minutes apart: the constraint alone keeps the buffer', async () => {
    const staff = await userWithRole(t.db, 'staff', settings);
    const carId = (await staff.caller.inventory.create({ make: 'Kia', model: 'Rio', year: 2024, ...stockFields })).id;
    const base = Date.UTC(2027, 6, 1, 0);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => {
        const startAt = new Date(base + i * 30 * MINUTE);
        const endAt = new Date(startAt.getTime() + 60 * MINUTE);
        const pool = pools[i % pools.length] as Database;
        return pool.transaction().execute(async (trx) => {
          // Hold the transaction open a moment, so the inserts overlap in time for real.
          await sql`select pg_sleep(0.02)`.execute(trx);
          await sql`insert into bookings (car_id, kind, status, start_at, end_at, buffer_minutes)
            values (${carId}, 'test_drive', 'pending', ${startAt}, ${endAt}, ${BUFFER})`.execute(trx);
        });
      }),
    );
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    // Exclusion violations, or a deadlock PostgreSQL broke: the ways a racing insert is refused.
    for (const error of refused) expect(isPgError(error) && ['23P01', '40P01'].includes(error.code)).toBe(true);
    const rows = await activeIntervals(carId);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    assertBufferKept(rows);
  }, 120_000);
});

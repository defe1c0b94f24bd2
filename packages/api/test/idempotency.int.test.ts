import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import type { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordResponse } from '../src/domain/idempotency/idempotency';
import { pruneExpired } from '../src/domain/maintenance/prune';
import { newAccount } from './admin-helpers';
import { stockFields } from './booking-helpers';
import { errorOf } from './car-helpers';
import { callerFor, setRole, signUp } from './helpers';

let t: TestDatabase;
let client: Awaited<ReturnType<typeof signUp>>;
let carId: string;
let dayOffset = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  client = await signUp(t.db);
  carId = (await client.caller.cars.create({ make: 'Volkswagen', model: 'Golf', year: 2018 })).id;
});
afterAll(() => t.destroy());

/** A rental of the client's own car on days nobody used yet. */
function rentalInput() {
  dayOffset += 3;
  const day = (n: number) => new Date(Date.now() + (30 + dayOffset + n) * 86_400_000).toISOString().slice(0, 10);
  return { carId, kind: 'rental' as const, startDate: day(0), endDate: day(1) };
}

const keyed = (idempotencyKey: string, token = client.token) => callerFor(t.db, { token, idempotencyKey });

async function bookingCount(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from bookings where car_id = ${carId}`.execute(
    t.db,
  );
  return rows[0]?.n ?? 0;
}

describe('Idempotency-Key on bookings.create', () => {
  it('a retry with the same key and input answers the first result and creates nothing', async () => {
    const input = rentalInput();
    const before = await bookingCount();
    const first = await (await keyed('retry-1')).bookings.create(input);
    const again = await (await keyed('retry-1')).bookings.create({ ...input });
    const thrice = await (await keyed('retry-1')).bookings.create(input);
    expect(again).toEqual(first);
    expect(thrice).toEqual(first);
    expect(again.startAt).toBeInstanceOf(Date);
    expect(await bookingCount()).toBe(before + 1);
    // Without a key every call is a new create.
    const unkeyed = await client.caller.bookings.create(rentalInput());
    expect(unkeyed.id).not.toBe(first.id);
  });

  it('the same key with a different input is 409, and creates nothing', async () => {
    await (await keyed('reuse-1')).bookings.create(rentalInput());
    const before = await bookingCount();
    const error = await errorOf((await keyed('reuse-1')).bookings.create(rentalInput()));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/different input/);
    expect(await bookingCount()).toBe(before);
  });

  it('a key of more than 255 characters is 400; 255 is fine', async () => {
    const long = await errorOf((await keyed('k'.repeat(256))).bookings.create(rentalInput()));
    expect(long.code).toBe('BAD_REQUEST');
    expect(long.message).toMatch(/255/);
    await expect((await keyed('k'.repeat(255))).bookings.create(rentalInput())).resolves.toHaveProperty('id');
  });

  it('a create that fails keeps no record: the same key then runs the corrected input', async () => {
    const input = rentalInput();
    await client.caller.bookings.create(input);
    // The same days again clash (409): nothing is recorded under the key.
    expect((await errorOf((await keyed('after-failure')).bookings.create(input))).code).toBe('CONFLICT');
    const rows = await t.db.selectFrom('idempotencyKeys').select('key').where('key', '=', 'after-failure').execute();
    expect(rows).toEqual([]);
    const fixed = rentalInput();
    const created = await (await keyed('after-failure')).bookings.create(fixed);
    expect(created.startDate).toBe(fixed.startDate);
  });

  it('keys belong to their caller: another user (or an API key) with the same key creates its own', async () => {
    const other = await signUp(t.db);
    const otherCar = await other.caller.cars.create({ make: 'Fiat', model: 'Panda', year: 2015 });
    const mine = await (await keyed('shared-name')).bookings.create(rentalInput());
    const theirs = await (await keyed('shared-name', other.token)).bookings.create({
      ...rentalInput(),
      carId: otherCar.id,
    });
    expect(theirs.id).not.toBe(mine.id);
    const { key } = await client.caller.apiKeys.create({ name: 'tool', scopes: ['bookings:write'] });
    const viaKey = await (await callerFor(t.db, { apiKey: key, idempotencyKey: 'shared-name' })).bookings.create(
      rentalInput(),
    );
    expect(viaKey.id).not.toBe(mine.id);
  });

  it('records older than 24 hours neither replay nor survive pruning', async () => {
    const input = rentalInput();
    const first = await (await keyed('old-key')).bookings.create(input);
    await sql`update idempotency_keys set created_at = now() - interval '25 hours' where key = 'old-key'`.execute(t.db);
    const second = await (await keyed('old-key')).bookings.create({ ...rentalInput() });
    expect(second.id).not.toBe(first.id);
    await sql`update idempotency_keys set created_at = now() - interval '25 hours' where key = 'old-key'`.execute(t.db);
    expect((await pruneExpired(t.db, { retentionDays: 30 })).idempotency_keys).toBeGreaterThanOrEqual(1);
    const left = await t.db.selectFrom('idempotencyKeys').select('key').where('key', '=', 'old-key').execute();
    expect(left).toEqual([]);
    expect((await t.db.selectFrom('idempotencyKeys').select('key').execute()).length).toBeGreaterThan(0);
  });

  it('20 calls at once with one key create one booking; each answers that booking or 409 to retry', async () => {
    const input = rentalInput();
    const before = await bookingCount();
    const callers = await Promise.all(Array.from({ length: 20 }, () => keyed('storm-1')));
    const outcomes = await Promise.allSettled(callers.map((c) => c.bookings.create(input)));
    const answers = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as TRPCError] : []));
    expect(answers.length).toBeGreaterThanOrEqual(1);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    for (const refusal of refusals) {
      expect(refusal.code).toBe('CONFLICT');
      expect((refusal.cause as { retryAfter?: number }).retryAfter).toBe(1);
    }
    expect(await bookingCount()).toBe(before + 1);
    // Once the first has committed a retry replays it.
    expect(await (await keyed('storm-1')).bookings.create(input)).toEqual(answers[0]);
  });
});

describe('the record', () => {
  it('never overwrites a live record: a second write of one key fails, so its create rolls back', async () => {
    const claim = {
      principal: `user:${client.user.id}`,
      key: 'direct',
      path: 'x',
      inputHash: 'h',
      userId: client.user.id,
    };
    await recordResponse(t.db, claim, { id: 'first' });
    const error = await recordResponse(t.db, claim, { id: 'second' }).then(
      () => null,
      (e: unknown) => e as { code?: string },
    );
    expect(error?.code).toBe('CONFLICT');
    const row = await t.db
      .selectFrom('idempotencyKeys')
      .select('response')
      .where('key', '=', 'direct')
      .executeTakeFirst();
    expect(row?.response).toContain('first');
  });
});

describe('Idempotency-Key on the other creates', () => {
  it('cars, inventory, sales, staff and admin.users creates replay their first result', async () => {
    const adminUser = await signUp(t.db);
    await setRole(t.db, adminUser.user.id, 'admin');
    const as = (key: string) => callerFor(t.db, { token: adminUser.token, idempotencyKey: key });
    const buyer = await signUp(t.db);
    const stock = await (await as('stock-1')).inventory.create({
      make: 'Opel',
      model: 'Astra',
      year: 2019,
      ...stockFields,
    });
    const cases: Array<[string, (key: string) => Promise<{ id: string }>, () => Promise<number>]> = [
      [
        'cars.create',
        async (k) => (await as(k)).cars.create({ make: 'Honda', model: 'Jazz', year: 2012 }),
        () => countRows('cars'),
      ],
      [
        'inventory.create',
        async (k) => (await as(k)).inventory.create({ make: 'Opel', model: 'Corsa', year: 2019, ...stockFields }),
        () => countRows('cars'),
      ],
      [
        'sales.create',
        async (k) => (await as(k)).sales.create({ carId: stock.id, customerId: buyer.user.id, price: '9000' }),
        () => countRows('sales'),
      ],
      ['staff.create', async (k) => (await as(k)).staff.create(sameAccount('staff')), () => countRows('users')],
      [
        'admin.users.create',
        async (k) => (await as(k)).admin.users.create(sameAccount('user')),
        () => countRows('users'),
      ],
    ];
    for (const [name, create, count] of cases) {
      const first = await create(`${name}-key`);
      const rows = await count();
      const again = await create(`${name}-key`);
      expect(again, name).toEqual(first);
      expect(await count(), name).toBe(rows);
    }
  });
});

const accounts = new Map<string, ReturnType<typeof newAccount>>();
/** The same account input on every call with this label (a retry sends the same body). */
function sameAccount(label: string) {
  const account = accounts.get(label) ?? newAccount();
  accounts.set(label, account);
  return account;
}

async function countRows(table: 'cars' | 'sales' | 'users'): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db);
  return rows[0]?.n ?? 0;
}

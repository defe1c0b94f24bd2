import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStorage } from '../src/storage/local-storage';
import { auditCount, auditRows, newAccount } from './admin-helpers';
import { showroom } from './booking-helpers';
import { errorOf } from './car-helpers';
import { callerFor, signUp, strongPassword, userWithRole } from './helpers';

let t: TestDatabase;
let admin: Awaited<ReturnType<typeof userWithRole>>;
let staff: Awaited<ReturnType<typeof userWithRole>>;
let dir: string;
let storage: LocalStorage;
beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'carhub-audit-'));
  storage = new LocalStorage({ dir, urlSecret: 'audit-test-secret-of-at-least-32-chars', urlTtlSeconds: 60 });
  // Webhook targets on loopback are allowed here, as in development.
  admin = await userWithRole(t.db, 'admin', { webhookAllowPrivateTargets: true });
  staff = await userWithRole(t.db, 'staff');
});
afterAll(async () => {
  await t.destroy();
  await rm(dir, { recursive: true, force: true });
});

const stock = {
  make: 'Volvo',
  model: 'V60',
  year: 2021,
  fuelType: 'hybrid',
  bodyType: 'wagon',
  transmission: 'automatic',
  price: '30000',
} as const;

/** Runs a mutation and returns the audit rows it added. */
async function added(run: () => Promise<unknown>) {
  const before = new Set((await auditRows(t.db)).map((row) => row.id));
  await run();
  return (await auditRows(t.db)).filter((row) => !before.has(row.id));
}

describe('audit log', () => {
  it('has one row per mutation of every admin and staff procedure, written by its actor', async () => {
    const owner = await signUp(t.db);
    const user = await admin.caller.admin.users.create(newAccount());
    const expectations: Array<[string, () => Promise<unknown>, Array<{ action: string; entity: string }>]> = [
      [
        'admin.users.update',
        () => admin.caller.admin.users.update({ id: user.id, firstName: 'X' }),
        [{ action: 'update', entity: 'user' }],
      ],
      ['staff.create', () => admin.caller.staff.create(newAccount()), [{ action: 'create', entity: 'user' }]],
      [
        'staff.update',
        () => admin.caller.staff.update({ id: staff.id, commissionRate: '9' }),
        [{ action: 'update', entity: 'user' }],
      ],
      [
        'admin.users.cars.create',
        () => admin.caller.admin.users.cars.create({ id: owner.user.id, make: 'Fiat', model: 'Uno', year: 1990 }),
        [{ action: 'create', entity: 'car' }],
      ],
      [
        'admin.webhooks.create',
        () =>
          admin.caller.admin.webhooks.create({
            url: 'http://127.0.0.1:9/h',
            events: ['sale.created'],
            secret: 'whsec_abcdefghijklmnop',
          }),
        [{ action: 'create', entity: 'webhook' }],
      ],
      ['inventory.create', () => staff.caller.inventory.create(stock), [{ action: 'create', entity: 'car' }]],
    ];
    for (const [name, run, rows] of expectations) {
      const got = await added(run);
      expect(
        got.map(({ action, entity }) => ({ action, entity })),
        name,
      ).toEqual(rows);
    }
    const [garageCar] = (await admin.caller.admin.users.cars.list({ id: owner.user.id })).items;
    const [stockCar] = (await staff.caller.inventory.list({})).items;
    const [hook] = (await admin.caller.admin.webhooks.list({})).items;
    if (!garageCar || !stockCar || !hook) throw new Error('fixtures missing');
    const second = await staff.caller.inventory.create({ ...stock, vin: null, licensePlate: 'ST 2' });
    const more: Array<[string, () => Promise<unknown>, string[]]> = [
      [
        'admin.users.cars.update',
        () => admin.caller.admin.users.cars.update({ id: owner.user.id, carId: garageCar.id, mileage: 9 }),
        ['update'],
      ],
      [
        'admin.users.cars.delete',
        () => admin.caller.admin.users.cars.delete({ id: owner.user.id, carId: garageCar.id }),
        ['delete'],
      ],
      ['inventory.update', () => staff.caller.inventory.update({ id: stockCar.id, price: '29000' }), ['update']],
      [
        'inventory.bulkSetStatus',
        () => staff.caller.inventory.bulkSetStatus({ ids: [stockCar.id, second.id], status: 'reserved' }),
        ['update', 'update'],
      ],
      ['inventory.remove', () => staff.caller.inventory.remove({ id: stockCar.id }), ['delete']],
      [
        'admin.webhooks.update',
        () => admin.caller.admin.webhooks.update({ id: hook.id, secret: 'whsec_rotated_rotated' }),
        ['update'],
      ],
      ['admin.webhooks.delete', () => admin.caller.admin.webhooks.delete({ id: hook.id }), ['delete']],
      ['admin.users.delete', () => admin.caller.admin.users.delete({ id: user.id }), ['delete']],
    ];
    for (const [name, run, actions] of more) {
      expect(
        (await added(run)).map((row) => row.action),
        name,
      ).toEqual(actions);
    }
    const rows = await auditRows(t.db);
    const price = rows.find((row) => row.entityId === stockCar.id && row.action === 'update');
    expect(price?.changes).toEqual({ price: ['30000.00', '29000.00'] });
    const bulk = rows.filter((row) => row.entityId === second.id && row.action === 'update');
    expect(bulk.at(-1)?.changes).toEqual({ status: ['available', 'reserved'] });
    expect(rows.find((row) => row.entity === 'webhook' && row.action === 'update')?.changes).toEqual({
      signingKeyRotated: [null, true],
    });
    expect(new Set(rows.filter((r) => r.entity !== 'car' || r.action !== 'create').map((r) => r.actorId)).size).toBe(2);
  });

  it('has a row for every staff act on bookings, photos and feeds of others; none for a customer’s own', async () => {
    const { clock, settings } = showroom('UTC', new Date('2031-05-05T08:00:00Z'));
    const desk = await userWithRole(t.db, 'staff', settings);
    const customer = await userWithRole(t.db, 'client', settings);
    const car = await desk.caller.inventory.create({ ...stock, vin: null, licensePlate: 'AUD 1' });
    const at = (hour: number, day = 6) => new Date(`2031-05-0${day}T${String(hour).padStart(2, '0')}:00:00Z`);
    // The customer's own acts: no rows.
    const own = await added(async () => {
      const mine = await customer.caller.bookings.create({ carId: car.id, kind: 'test_drive', startAt: at(9) });
      await customer.caller.bookings.reschedule({ id: mine.id, startAt: at(10) });
      await customer.caller.bookings.cancel({ id: mine.id });
    });
    expect(own).toEqual([]);

    const made = await added(() =>
      desk.caller.bookings.create({ carId: car.id, kind: 'test_drive', startAt: at(11), customerId: customer.id }),
    );
    expect(made.map(({ action, entity, actorId }) => ({ action, entity, actorId }))).toEqual([
      { action: 'create', entity: 'booking', actorId: desk.id },
    ]);
    const id = made[0]?.entityId ?? '';
    const steps: Array<[string, () => Promise<unknown>, Record<string, [unknown, unknown]>]> = [
      [
        'approve',
        () => desk.caller.bookings.approve({ id }),
        { status: ['pending', 'approved'], handledBy: [null, desk.id] },
      ],
      [
        'reschedule',
        () => desk.caller.bookings.reschedule({ id, startAt: at(12) }),
        {
          startAt: [at(11).toISOString(), at(12).toISOString()],
          endAt: [at(12).toISOString(), at(13).toISOString()],
          status: ['approved', 'pending'],
          handledBy: [desk.id, null],
        },
      ],
    ];
    for (const [name, run, changes] of steps) {
      const rows = await added(run);
      expect(
        rows.map((r) => [r.action, r.entity, r.entityId]),
        name,
      ).toEqual([['update', 'booking', id]]);
      expect(rows[0]?.changes, name).toMatchObject(changes);
    }
    const second = await customer.caller.bookings.create({ carId: car.id, kind: 'test_drive', startAt: at(13) });
    const third = await customer.caller.bookings.create({ carId: car.id, kind: 'test_drive', startAt: at(14) });
    await desk.caller.bookings.approve({ id: second.id });
    clock.now = at(15);
    for (const run of [
      () => desk.caller.bookings.approve({ id }),
      () => desk.caller.bookings.noShow({ id: second.id }),
      () => desk.caller.bookings.decline({ id: third.id, reason: 'Car in service' }),
      () => desk.caller.bookings.complete({ id }),
    ]) {
      expect((await added(run)).map((r) => r.entity)).toEqual(['booking']);
    }
    // Staff handling their own test drive act for the showroom: audited too.
    const mine = await desk.caller.bookings.create({
      carId: car.id,
      kind: 'test_drive',
      startAt: at(10, 7),
      customerId: desk.id,
    });
    expect((await added(() => desk.caller.bookings.approve({ id: mine.id }))).map((r) => r.entity)).toEqual([
      'booking',
    ]);
    // A refused step leaves no row.
    const before = await auditCount(t.db);
    await errorOf(desk.caller.bookings.approve({ id }));
    expect(await auditCount(t.db)).toBe(before);

    const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#208040' } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.set('carId', car.id);
    form.set('file', new Blob([new Uint8Array(png)]), 'car.png');
    const withStorage = await callerFor(t.db, { token: desk.token, storage });
    const photoRows = await added(() => withStorage.cars.photos.add(form));
    expect(photoRows.map((r) => [r.action, r.entity])).toEqual([['create', 'photo']]);
    // altText stays null: no change to record.
    expect(photoRows[0]?.changes).toEqual({ carId: [null, car.id], position: [null, 0], isPrimary: [null, true] });
    const photoId = photoRows[0]?.entityId ?? '';
    const edited = await added(() => withStorage.cars.photos.update({ carId: car.id, photoId, altText: 'Front' }));
    expect(edited.map((r) => r.changes)).toEqual([{ altText: [null, 'Front'] }]);
    const removed = await added(() => withStorage.cars.photos.remove({ carId: car.id, photoId }));
    expect(removed.map((r) => [r.action, r.entity, r.entityId])).toEqual([['delete', 'photo', photoId]]);
    const rotated = await added(() => desk.caller.cars.calendarUrl({ id: car.id, rotate: true }));
    expect(rotated.map((r) => [r.action, r.entity, r.changes])).toEqual([
      ['update', 'car', { calendarFeedRotated: [null, true] }],
    ]);
    expect(await added(() => desk.caller.cars.calendarUrl({ id: car.id }))).toEqual([]);
  });

  it('never holds a password, hash, token or secret', async () => {
    await admin.caller.admin.users.create(newAccount());
    await admin.caller.admin.webhooks.create({
      url: 'http://127.0.0.1:9/s',
      events: ['sale.created'],
      secret: 'whsec_never_in_the_log',
    });
    const text = JSON.stringify(await auditRows(t.db));
    for (const secret of [strongPassword, '$argon2', 'passwordHash', 'whsec_', 'token']) {
      expect(text).not.toContain(secret);
    }
  });

  it('reads write none; a cars.* change of your own garage writes none; an admin changing yours writes one', async () => {
    const owner = await signUp(t.db);
    const before = await auditCount(t.db);
    await admin.caller.admin.users.list({});
    await admin.caller.admin.users.get({ id: owner.user.id });
    await admin.caller.admin.users.cars.list({ id: owner.user.id });
    await admin.caller.staff.list({});
    await admin.caller.admin.audit.list({});
    await staff.caller.inventory.list({});
    await staff.caller.sales.list({});
    await staff.caller.staff.metrics({ id: staff.id });
    await admin.caller.bookings.list({});
    const own = await owner.caller.cars.create({ make: 'Kia', model: 'Rio', year: 2015 });
    await owner.caller.cars.update({ id: own.id, mileage: 3 });
    expect(await auditCount(t.db)).toBe(before);
    expect((await added(() => admin.caller.cars.update({ id: own.id, mileage: 4 }))).map((r) => r.action)).toEqual([
      'update',
    ]);
  });

  it('a mutation that fails leaves no row', async () => {
    const owner = await signUp(t.db);
    const car = await owner.caller.cars.create({ make: 'Kia', model: 'Rio', year: 2015, licensePlate: 'DUP 1' });
    await owner.caller.cars.create({ make: 'Kia', model: 'Ceed', year: 2016, licensePlate: 'DUP 2' });
    const stranger = await signUp(t.db);
    const before = await auditCount(t.db);
    const fail = [
      () => admin.caller.admin.users.cars.update({ id: owner.user.id, carId: car.id, licensePlate: 'dup-2' }),
      () => admin.caller.admin.users.update({ id: owner.user.id, email: stranger.user.email }),
      () => admin.caller.admin.users.create({ ...newAccount(), username: owner.user.username }),
      () => staff.caller.inventory.bulkSetStatus({ ids: [car.id], status: 'sold' }),
      () => admin.caller.staff.update({ id: owner.user.id, commissionRate: '1' }),
    ];
    for (const run of fail) await errorOf(run());
    expect(await auditCount(t.db)).toBe(before);
  });

  it('admin.audit.list filters by actor, entity, id, action and time; newest first with keyset cursors', async () => {
    const other = await userWithRole(t.db, 'admin');
    const start = new Date();
    const made = await other.caller.admin.users.create(newAccount());
    await other.caller.admin.users.update({ id: made.id, lastName: 'One' });
    await other.caller.admin.users.update({ id: made.id, lastName: 'Two' });
    const mine = await admin.caller.admin.audit.list({ actorId: other.id });
    expect(mine.items.map((row) => row.action)).toEqual(['update', 'update', 'create']);
    expect(mine.items[0]).toMatchObject({ entity: 'user', entityId: made.id, changes: { lastName: ['One', 'Two'] } });
    const updates = await admin.caller.admin.audit.list({ entity: 'user', entityId: made.id, action: 'update' });
    expect(updates.items).toHaveLength(2);
    expect((await admin.caller.admin.audit.list({ actorId: other.id, to: start })).items).toEqual([]);
    expect((await admin.caller.admin.audit.list({ actorId: other.id, from: start })).items).toHaveLength(3);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await admin.caller.admin.audit.list({ actorId: other.id, limit: 1, cursor });
      paged.push(...page.items.map((row) => row.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(mine.items.map((row) => row.id));
  });
});

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Database } from '@carhub/db';
import { createTestDatabase, type TestDatabase, testServerUrl } from '@carhub/db/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStorage } from '../src/storage/local-storage';
import { auditCount, auditRows } from './admin-helpers';
import { bookingEvents, showroom, stockFields } from './booking-helpers';
import { errorOf, fieldMessages } from './car-helpers';
import { callerFor, userWithRole } from './helpers';

let t: TestDatabase;
let dir: string;
let storage: LocalStorage;
// Monday 2030-03-04 08:00 UTC; the showroom is on UTC, test drives run 09:00-16:00.
const { clock, settings } = showroom('UTC', new Date('2030-03-04T08:00:00Z'));
type User = Awaited<ReturnType<typeof userWithRole>>;
let admin: User;
let staff: User;
let buyer: User;

async function user(role: 'client' | 'staff' | 'admin'): Promise<User> {
  const u = await userWithRole(t.db, role, settings);
  return { ...u, caller: await callerFor(t.db, { token: u.token, settings, storage }) };
}

let plate = 0;
function stockCar(overrides: Record<string, unknown> = {}) {
  plate += 1;
  return staff.caller.inventory.create({
    make: 'Audi',
    model: 'A4',
    year: 2022,
    color: 'Grey',
    licensePlate: `SALE-${plate}`,
    mileage: 12_000,
    notes: 'Dealer note: needs tyres',
    ...stockFields,
    price: '21000.00',
    ...overrides,
  });
}

function samplePng(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#2050c0' } })
    .png()
    .toBuffer();
}

/** Every object the local storage holds. */
async function storedObjects(): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.parentPath.includes('.tmp'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function outboxEvents(db: Database, type: string) {
  return db
    .selectFrom('outboxEvents')
    .select(['id', 'payload'])
    .where('type', '=', type)
    .execute()
    .then((rows) => rows.map((row) => ({ id: row.id, payload: row.payload as Record<string, unknown> })));
}

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'carhub-sales-'));
  storage = new LocalStorage({ dir, urlSecret: 'sales-test-secret-of-at-least-32-chars', urlTtlSeconds: 3600 });
  admin = await user('admin');
  staff = await user('staff');
  buyer = await user('client');
  await admin.caller.staff.update({ id: staff.id, commissionRate: '2.5' });
});
afterAll(async () => {
  await t.destroy();
  await rm(dir, { recursive: true, force: true });
});

describe('permission matrix', () => {
  type Caller = User['caller'];
  // Each call built afresh: a sale needs its own car and buyer.
  const sell = async (c: Caller) =>
    c.sales.create({ carId: (await stockCar()).id, customerId: (await user('client')).id, price: '1' });
  const procedures: Record<string, { call: (c: Caller) => Promise<unknown>; staff: boolean }> = {
    'sales.create': { call: sell, staff: true },
    'sales.list': { call: (c) => c.sales.list({}), staff: true },
    'sales.get': {
      call: async (c) => c.sales.get({ id: (await sell(admin.caller)).id }),
      staff: true,
    },
    'sales.update': {
      call: async (c) => c.sales.update({ id: (await sell(admin.caller)).id, notes: 'corrected' }),
      staff: false,
    },
    "staff.metrics (staff's own)": { call: (c) => c.staff.metrics({ id: staff.id }), staff: true },
  };

  it.each(Object.keys(procedures))(
    '%s: anonymous 401, clients 403, staff as their role allows, admin allowed',
    async (name) => {
      const { call, staff: staffAllowed } = procedures[name] ?? { call: () => Promise.resolve(), staff: false };
      const client = await user('client');
      const otherClient = await user('client');
      expect((await errorOf(call(await callerFor(t.db, { settings, storage })))).code).toBe('UNAUTHORIZED');
      for (const refused of [client, otherClient]) expect((await errorOf(call(refused.caller))).code).toBe('FORBIDDEN');
      if (staffAllowed) await expect(call(staff.caller)).resolves.toBeDefined();
      else expect((await errorOf(call(staff.caller))).code).toBe('FORBIDDEN');
      await expect(call(admin.caller)).resolves.toBeDefined();
    },
  );

  it("staff.metrics: another staff member's is 403 for staff, allowed for admin", async () => {
    const colleague = await user('staff');
    expect((await errorOf(staff.caller.staff.metrics({ id: colleague.id }))).code).toBe('FORBIDDEN');
    await expect(admin.caller.staff.metrics({ id: colleague.id })).resolves.toMatchObject({ staffId: colleague.id });
  });
});

describe('sales.create', () => {
  it('sells a car: sold in stock, copied (details and photos, no price) into the buyer’s garage, commission exact', async () => {
    const car = await stockCar({ vin: 'WVWZZZ1JZXW000001' });
    const png = await samplePng();
    for (const altText of ['front', 'side']) {
      const form = new FormData();
      form.set('carId', car.id);
      form.set('file', new Blob([new Uint8Array(png)]), 'car.png');
      form.set('altText', altText);
      await staff.caller.cars.photos.add(form);
    }
    // The second photo is the primary one: the copy keeps that.
    const stocked = await staff.caller.inventory.get({ id: car.id });
    await staff.caller.cars.photos.update({ carId: car.id, photoId: stocked.photos[1]?.id ?? '', isPrimary: true });

    const sale = await staff.caller.sales.create({
      carId: car.id,
      customerId: buyer.id,
      price: '19999.99',
      notes: 'Paid by transfer',
    });
    expect(sale).toMatchObject({
      carId: car.id,
      customerId: buyer.id,
      staffId: staff.id,
      price: '19999.99',
      commissionRate: '2.50',
      // 19,999.99 x 2.5 % = 499.99975, half up to the cent.
      commission: '500.00',
      notes: 'Paid by transfer',
      car: { make: 'Audi', model: 'A4', year: 2022, vin: 'WVWZZZ1JZXW000001' },
    });
    expect(sale.soldAt).toEqual(clock.now);

    expect((await staff.caller.inventory.get({ id: car.id })).status).toBe('sold');
    // The public catalogue no longer shows it.
    expect((await (await callerFor(t.db)).inventory.list({})).items.map((c) => c.id)).not.toContain(car.id);

    const garage = await buyer.caller.cars.list({});
    expect(garage.items).toHaveLength(1);
    const copy = garage.items[0];
    expect(copy?.id).toBe(sale.garageCarId);
    expect(copy).toMatchObject({
      ownerId: buyer.id,
      make: 'Audi',
      model: 'A4',
      year: 2022,
      color: 'Grey',
      licensePlate: car.licensePlate,
      vin: 'WVWZZZ1JZXW000001',
      mileage: 12_000,
      fuelType: 'petrol',
      bodyType: 'sedan',
      transmission: 'manual',
      price: null,
      status: null,
      notes: null,
    });
    expect(copy?.photos.map((p) => [p.altText, p.isPrimary, p.position])).toEqual([
      ['front', false, 0],
      ['side', true, 1],
    ]);
    // Objects of their own: removing the dealership's photos leaves the buyer's.
    const stockKeys = await t.db.selectFrom('carPhotos').select('objectKey').where('carId', '=', car.id).execute();
    const copyKeys = await t.db
      .selectFrom('carPhotos')
      .select('objectKey')
      .where('carId', '=', copy?.id ?? '')
      .execute();
    expect(copyKeys.every((k) => k.objectKey.startsWith(`cars/${copy?.id}/`))).toBe(true);
    for (const photo of (await staff.caller.inventory.get({ id: car.id })).photos) {
      await staff.caller.cars.photos.remove({ carId: car.id, photoId: photo.id });
    }
    for (const { objectKey } of stockKeys) expect(await storage.get(objectKey)).toBeNull();
    for (const { objectKey } of copyKeys) {
      const object = await storage.get(objectKey);
      expect(object).not.toBeNull();
      object?.body.destroy();
    }
  });

  it('cancels the car’s future bookings (customers told), leaves past ones and other cars’ as they were', async () => {
    const car = await stockCar();
    const other = await stockCar();
    const customer = await user('client');
    const past = await customer.caller.bookings.create({
      carId: car.id,
      kind: 'test_drive',
      startAt: new Date('2030-03-04T09:00:00Z'),
    });
    const future = await customer.caller.bookings.create({
      carId: car.id,
      kind: 'test_drive',
      startAt: new Date('2030-03-05T10:00:00Z'),
    });
    const rental = await staff.caller.bookings.create({
      carId: car.id,
      kind: 'rental',
      customerId: customer.id,
      startDate: '2030-03-06',
      endDate: '2030-03-07',
    });
    const otherCar = await customer.caller.bookings.create({
      carId: other.id,
      kind: 'test_drive',
      startAt: new Date('2030-03-05T11:00:00Z'),
    });
    await staff.caller.bookings.approve({ id: past.id });
    clock.now = new Date('2030-03-04T12:00:00Z');
    await staff.caller.bookings.complete({ id: past.id });

    await staff.caller.sales.create({ carId: car.id, customerId: customer.id, price: '20500' });

    const status = async (id: string) => (await admin.caller.bookings.get({ id })).status;
    expect(await status(past.id)).toBe('completed');
    expect(await status(future.id)).toBe('cancelled');
    expect(await status(rental.id)).toBe('cancelled');
    expect(await status(otherCar.id)).toBe('pending');
    for (const id of [future.id, rental.id]) {
      const events = await bookingEvents(t.db, id);
      expect(events.at(-1)).toMatchObject({
        type: 'booking.cancelled',
        payload: { reason: 'The car has been sold.' },
        recipients: [customer.id],
      });
    }
    expect((await bookingEvents(t.db, past.id)).map((e) => e.type)).not.toContain('booking.cancelled');
    // Sold stock takes no new bookings.
    const again = customer.caller.bookings.create({
      carId: car.id,
      kind: 'test_drive',
      startAt: new Date('2030-03-08T10:00:00Z'),
    });
    expect((await errorOf(again)).code).toBe('NOT_FOUND');
  });

  it('leaves a booking under way at the sale alone, and it can’t be moved onto the sold car’s future', async () => {
    clock.now = new Date('2030-03-11T08:00:00Z');
    const car = await stockCar();
    const customer = await user('client');
    const underWay = await customer.caller.bookings.create({
      carId: car.id,
      kind: 'test_drive',
      startAt: new Date('2030-03-11T09:00:00Z'),
    });
    clock.now = new Date('2030-03-11T09:30:00Z');
    await staff.caller.sales.create({ carId: car.id, customerId: buyer.id, price: '20000' });
    expect((await admin.caller.bookings.get({ id: underWay.id })).status).toBe('pending');
    for (const caller of [customer.caller, staff.caller]) {
      const moved = await errorOf(
        caller.bookings.reschedule({ id: underWay.id, startAt: new Date('2030-03-12T10:00:00Z') }),
      );
      expect(moved.code).toBe('CONFLICT');
      expect(moved.message).toContain('sold');
    }
    expect((await admin.caller.bookings.get({ id: underWay.id })).startAt).toEqual(new Date('2030-03-11T09:00:00Z'));
  });

  it('tells the buyer (sale.created, once) and writes one audit row, in the sale’s transaction', async () => {
    const car = await stockCar();
    const eventsBefore = (await outboxEvents(t.db, 'sale.created')).length;
    const sale = await staff.caller.sales.create({ carId: car.id, customerId: buyer.id, price: '18000' });
    const events = (await outboxEvents(t.db, 'sale.created')).filter((e) => e.payload.saleId === sale.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toEqual({
      saleId: sale.id,
      carId: car.id,
      garageCarId: sale.garageCarId,
      carLabel: '2022 Audi A4',
      price: '18000.00',
    });
    expect((await outboxEvents(t.db, 'sale.created')).length).toBe(eventsBefore + 1);
    const deliveries = await t.db
      .selectFrom('outboxDeliveries')
      .select(['channel', 'recipientId'])
      .where('eventId', '=', events[0]?.id ?? '')
      .orderBy('channel')
      .execute();
    expect(deliveries).toEqual([
      { channel: 'email', recipientId: buyer.id },
      { channel: 'in_app', recipientId: buyer.id },
    ]);
    const rows = (await auditRows(t.db)).filter((row) => row.entityId === sale.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: staff.id, action: 'create', entity: 'sale' });
    expect(rows[0]?.changes).toMatchObject({ price: [null, '18000.00'], commission: [null, '450.00'] });
  });

  it('refuses what can’t be sold, with nothing half done', async () => {
    const customer = await user('client');
    const available = await stockCar({ vin: 'WVWZZZ1JZXW000002' });
    const removed = await stockCar({ status: 'removed' });
    const soldElsewhere = await stockCar({ status: 'sold' });
    const garageCar = await customer.caller.cars.create({ make: 'Opel', model: 'Corsa', year: 2010 });
    const inactive = await user('client');
    await admin.caller.admin.users.update({ id: inactive.id, isActive: false });
    const missing = '00000000-0000-4000-8000-000000000000';
    const cases: Array<[string, { carId: string; customerId: string; price: string }, string]> = [
      ['unknown car', { carId: missing, customerId: customer.id, price: '1' }, 'NOT_FOUND'],
      ['garage car', { carId: garageCar.id, customerId: customer.id, price: '1' }, 'NOT_FOUND'],
      ['removed', { carId: removed.id, customerId: customer.id, price: '1' }, 'CONFLICT'],
      ['sold elsewhere', { carId: soldElsewhere.id, customerId: customer.id, price: '1' }, 'CONFLICT'],
      ['unknown customer', { carId: available.id, customerId: missing, price: '1' }, 'NOT_FOUND'],
      ['deactivated customer', { carId: available.id, customerId: inactive.id, price: '1' }, 'CONFLICT'],
      ['to oneself', { carId: available.id, customerId: staff.id, price: '1' }, 'FORBIDDEN'],
      ['malformed ids', { carId: 'nope', customerId: 'nope', price: '1' }, 'BAD_REQUEST'],
      ['bad price', { carId: available.id, customerId: customer.id, price: '12.345' }, 'BAD_REQUEST'],
      ['negative price', { carId: available.id, customerId: customer.id, price: '-5' }, 'BAD_REQUEST'],
    ];
    const auditBefore = await auditCount(t.db);
    for (const [name, input, code] of cases) {
      expect((await errorOf(staff.caller.sales.create(input))).code, name).toBe(code);
    }

    // The buyer already has this VIN in their garage: 409 naming it, and no trace of the attempt.
    await customer.caller.cars.create({ make: 'Audi', model: 'A4', year: 2022, vin: 'WVWZZZ1JZXW000002' });
    const clash = await errorOf(
      staff.caller.sales.create({ carId: available.id, customerId: customer.id, price: '1' }),
    );
    expect(clash.code).toBe('CONFLICT');
    expect(clash.message).toContain('VIN');
    expect(fieldMessages(clash).customerId).toBeDefined();

    expect((await staff.caller.inventory.get({ id: available.id })).status).toBe('available');
    expect(await t.db.selectFrom('sales').select('id').where('carId', '=', available.id).execute()).toEqual([]);
    expect((await customer.caller.cars.list({})).items).toHaveLength(2);
    expect(await auditCount(t.db)).toBe(auditBefore);
  });

  it('sells a car only once: the second attempt is 409 and changes nothing', async () => {
    const car = await stockCar({ status: 'reserved' });
    const first = await user('client');
    const second = await user('client');
    await staff.caller.sales.create({ carId: car.id, customerId: first.id, price: '100' });
    const again = await errorOf(admin.caller.sales.create({ carId: car.id, customerId: second.id, price: '200' }));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toBe('This car is already sold.');
    expect((await second.caller.cars.list({})).items).toEqual([]);
    expect((await admin.caller.sales.list({ carId: car.id })).items.map((s) => s.customerId)).toEqual([first.id]);
  });

  it('keeps a sold car sold; a sale that fails after copying the photos deletes the copies again', async () => {
    const car = await stockCar();
    const form = new FormData();
    form.set('carId', car.id);
    form.set('file', new Blob([new Uint8Array(await samplePng())]), 'car.png');
    await staff.caller.cars.photos.add(form);
    await staff.caller.sales.create({ carId: car.id, customerId: buyer.id, price: '100' });
    const objectsAfterSale = await storedObjects();
    // The API keeps a sold car sold...
    const relist = await errorOf(staff.caller.inventory.update({ id: car.id, status: 'available' }));
    expect(relist.code).toBe('CONFLICT');
    expect((await errorOf(staff.caller.inventory.bulkSetStatus({ ids: [car.id], status: 'reserved' }))).code).toBe(
      'CONFLICT',
    );
    expect((await staff.caller.inventory.get({ id: car.id })).status).toBe('sold');
    await expect(staff.caller.inventory.update({ id: car.id, price: '95' })).resolves.toMatchObject({ status: 'sold' });
    // ...so put it back on sale behind its back (old data, a hand-run script): the status check
    // passes, the one-sale-per-car constraint refuses after the photos were copied.
    await t.db.updateTable('cars').set({ status: 'available' }).where('id', '=', car.id).execute();
    const second = await user('client');
    const again = await errorOf(staff.caller.sales.create({ carId: car.id, customerId: second.id, price: '90' }));
    expect(again.code).toBe('CONFLICT');
    expect(await storedObjects()).toEqual(objectsAfterSale);
    expect((await second.caller.cars.list({})).items).toEqual([]);
  });

  it('an admin without a rate of their own sells at the default rate', async () => {
    const boss = await user('admin');
    await t.db.updateTable('users').set({ commissionRate: null }).where('id', '=', boss.id).execute();
    const car = await stockCar();
    const sale = await boss.caller.sales.create({ carId: car.id, customerId: buyer.id, price: '1000' });
    expect(sale).toMatchObject({ commissionRate: '5.00', commission: '50.00', staffId: boss.id });
  });
});

describe('sales.list, sales.get and sales.update', () => {
  let seller: User;
  let customers: User[];
  const saleIds: string[] = [];
  beforeAll(async () => {
    seller = await user('staff');
    await admin.caller.staff.update({ id: seller.id, commissionRate: '10' });
    customers = [await user('client'), await user('client')];
    // Three sales a day apart, alternating customers.
    for (const [i, day] of ['2030-04-01', '2030-04-02', '2030-04-03'].entries()) {
      clock.now = new Date(`${day}T12:00:00Z`);
      const car = await stockCar();
      const customer = customers[i % 2] as User;
      saleIds.push(
        (await seller.caller.sales.create({ carId: car.id, customerId: customer.id, price: `${1000 * (i + 1)}` })).id,
      );
    }
  });

  it('filters by period, seller and customer; newest first, page by page', async () => {
    const bySeller = await staff.caller.sales.list({ staffId: seller.id });
    expect(bySeller.items.map((s) => s.id)).toEqual([...saleIds].reverse());
    const april2 = await staff.caller.sales.list({
      staffId: seller.id,
      from: new Date('2030-04-02T00:00:00Z'),
      to: new Date('2030-04-03T00:00:00Z'),
    });
    expect(april2.items.map((s) => s.id)).toEqual([saleIds[1]]);
    const first = await staff.caller.sales.list({ customerId: customers[0]?.id });
    expect(first.items.map((s) => s.id)).toEqual([saleIds[2], saleIds[0]]);
    const cheapest = await admin.caller.sales.list({ staffId: seller.id, sort: 'price', limit: 2 });
    expect(cheapest.items.map((s) => s.price)).toEqual(['1000.00', '2000.00']);
    const rest = await admin.caller.sales.list({
      staffId: seller.id,
      sort: 'price',
      limit: 2,
      cursor: cheapest.nextCursor,
    });
    expect(rest.items.map((s) => s.price)).toEqual(['3000.00']);
    expect(rest.nextCursor).toBeNull();
    const backwards = staff.caller.sales.list({ from: new Date('2030-05-01'), to: new Date('2030-04-01') });
    expect((await errorOf(backwards)).code).toBe('BAD_REQUEST');
  });

  it('gets one sale; an unknown id is 404, a malformed one 400', async () => {
    expect((await staff.caller.sales.get({ id: saleIds[0] ?? '' })).price).toBe('1000.00');
    expect((await errorOf(staff.caller.sales.get({ id: '00000000-0000-4000-8000-000000000000' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await errorOf(staff.caller.sales.get({ id: 'x' }))).code).toBe('BAD_REQUEST');
  });

  it('lets an admin correct price or notes: commission recomputed at the sale’s own rate, audited', async () => {
    const id = saleIds[0] ?? '';
    // The seller's rate changes later; the sale keeps the rate it was made at.
    await admin.caller.staff.update({ id: seller.id, commissionRate: '20' });
    const corrected = await admin.caller.sales.update({ id, price: '1234.55' });
    expect(corrected).toMatchObject({ price: '1234.55', commissionRate: '10.00', commission: '123.46' });
    const noted = await admin.caller.sales.update({ id, notes: 'Discount agreed' });
    expect(noted).toMatchObject({ price: '1234.55', commission: '123.46', notes: 'Discount agreed' });
    expect((await admin.caller.sales.update({ id, notes: '' })).notes).toBeNull();
    const rows = (await auditRows(t.db)).filter((row) => row.entityId === id && row.action === 'update');
    expect(rows.map((row) => row.changes)).toEqual([
      { price: ['1000.00', '1234.55'], commission: ['100.00', '123.46'] },
      { notes: [null, 'Discount agreed'] },
      { notes: ['Discount agreed', null] },
    ]);
    expect((await errorOf(admin.caller.sales.update({ id }))).code).toBe('BAD_REQUEST');
    expect((await errorOf(admin.caller.sales.update({ id, price: 'free' }))).code).toBe('BAD_REQUEST');
    const unknown = admin.caller.sales.update({ id: '00000000-0000-4000-8000-000000000000', price: '1' });
    expect((await errorOf(unknown)).code).toBe('NOT_FOUND');
  });
});

describe('people on a sale', () => {
  it('can’t be deleted (409: deactivate instead), seller or customer; others can', async () => {
    const seller = await user('staff');
    const customer = await user('client');
    const bystander = await user('client');
    await seller.caller.sales.create({ carId: (await stockCar()).id, customerId: customer.id, price: '500' });
    for (const id of [seller.id, customer.id]) {
      const refused = await errorOf(admin.caller.admin.users.delete({ id }));
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toContain('deactivate');
      expect((await admin.caller.admin.users.get({ id })).id).toBe(id);
    }
    await expect(admin.caller.admin.users.delete({ id: bystander.id })).resolves.toMatchObject({ outcome: 'deleted' });
    // Deactivating is the way out, and it works.
    await expect(admin.caller.admin.users.update({ id: customer.id, isActive: false })).resolves.toMatchObject({
      isActive: false,
    });
  });

  it('admin.users.get counts their bookings and purchases', async () => {
    const customer = await user('client');
    const car = await stockCar();
    await customer.caller.bookings.create({
      carId: car.id,
      kind: 'test_drive',
      startAt: new Date('2030-06-03T10:00:00Z'),
    });
    clock.now = new Date('2030-06-01T10:00:00Z');
    await staff.caller.sales.create({ carId: car.id, customerId: customer.id, price: '900' });
    await staff.caller.sales.create({ carId: (await stockCar()).id, customerId: customer.id, price: '800' });
    expect((await admin.caller.admin.users.get({ id: customer.id })).counts).toEqual({ bookings: 1, purchases: 2 });
    expect((await admin.caller.admin.users.get({ id: staff.id })).counts.purchases).toBe(0);
  });

  it('removing sold stock keeps it on record as removed', async () => {
    const car = await stockCar();
    await staff.caller.sales.create({ carId: car.id, customerId: buyer.id, price: '700' });
    expect(await staff.caller.inventory.remove({ id: car.id })).toEqual({ id: car.id, outcome: 'removed' });
    expect((await staff.caller.sales.list({ carId: car.id })).items).toHaveLength(1);
  });
});

describe.skipIf(!testServerUrl())('concurrent sales of one car (PostgreSQL)', () => {
  it('a seller deleted while their sale waits gets 401, not a 500, and nothing is sold', async () => {
    const seller = await user('staff');
    const car = await stockCar();
    const customer = await user('client');
    const holder = createDb(t.url, { poolSize: 1 });
    const seat = createDb(t.url, { poolSize: 2 });
    try {
      // Another transaction holds the car, so the sale waits right at its start.
      const hold = await holder.startTransaction().execute();
      await hold.selectFrom('cars').select('id').where('id', '=', car.id).forUpdate().execute();
      const selling = (await callerFor(seat, { token: seller.token, settings, storage })).sales
        .create({ carId: car.id, customerId: customer.id, price: '5000' })
        .then(
          () => null,
          (error: unknown) => error,
        );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await admin.caller.admin.users.delete({ id: seller.id });
      await hold.rollback().execute();
      const error = await selling;
      expect((error as { code?: string }).code).toBe('UNAUTHORIZED');
      expect((await staff.caller.inventory.get({ id: car.id })).status).toBe('available');
      expect((await customer.caller.cars.list({})).items).toEqual([]);
    } finally {
      await holder.destroy();
      await seat.destroy();
    }
  });

  it('one wins, the other is 409, and nothing of the loser remains', async () => {
    const pools = [createDb(t.url, { poolSize: 2 }), createDb(t.url, { poolSize: 2 })];
    try {
      for (let round = 0; round < 5; round++) {
        const car = await stockCar();
        const customers = [await user('client'), await user('client')];
        const callers = await Promise.all(pools.map((db) => callerFor(db, { token: staff.token, settings, storage })));
        const results = await Promise.allSettled(
          customers.map((customer, i) =>
            callers[i]?.sales.create({ carId: car.id, customerId: customer.id, price: '10000' }),
          ),
        );
        const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
        const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect((lost[0] as { code?: string }).code).toBe('CONFLICT');
        const winner = customers[won[0] ?? 0] as User;
        const loser = customers[1 - (won[0] ?? 0)] as User;
        expect((await winner.caller.cars.list({})).items).toHaveLength(1);
        expect((await loser.caller.cars.list({})).items).toEqual([]);
        const sales = await t.db.selectFrom('sales').select(['customerId']).where('carId', '=', car.id).execute();
        expect(sales).toEqual([{ customerId: winner.id }]);
        const audited = (await auditRows(t.db)).filter(
          (row) => row.entity === 'sale' && (row.changes as { carId?: unknown[] }).carId?.[1] === car.id,
        );
        expect(audited).toHaveLength(1);
      }
    } finally {
      for (const pool of pools) await pool.destroy();
    }
  });
});

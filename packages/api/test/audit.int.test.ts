import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminWithSettings, auditCount, auditRows, newAccount } from './admin-helpers';
import { errorOf, userWithRole } from './car-helpers';
import { signUp, strongPassword } from './helpers';

let t: TestDatabase;
let admin: Awaited<ReturnType<typeof userWithRole>>;
let staff: Awaited<ReturnType<typeof userWithRole>>;
beforeAll(async () => {
  t = await createTestDatabase();
  // Webhook targets on loopback are allowed here, as in development.
  admin = await adminWithSettings(t.db, { webhookAllowPrivateTargets: true });
  staff = await userWithRole(t.db, 'staff');
});
afterAll(() => t.destroy());

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

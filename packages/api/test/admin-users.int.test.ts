import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, auditRows, newAccount, withOwnDatabase } from './admin-helpers';
import { errorOf } from './car-helpers';
import { callerFor, setRole, signUp, strongPassword, userWithRole } from './helpers';

let t: TestDatabase;
let admin: Awaited<ReturnType<typeof userWithRole>>;
beforeAll(async () => {
  t = await createTestDatabase();
  admin = await userWithRole(t.db, 'admin');
});
afterAll(() => t.destroy());

const car = { make: 'Skoda', model: 'Octavia', year: 2018, licensePlate: 'AB-123' };

describe('permission matrix', () => {
  type Caller = Awaited<ReturnType<typeof callerFor>>;
  // Every admin.users.*, admin.users.cars.*, staff.* and admin.audit.* procedure, each call
  // built afresh (a delete needs its own victim).
  const procedures: Record<string, (c: Caller) => Promise<unknown>> = {
    'admin.users.list': (c) => c.admin.users.list({}),
    'admin.users.get': async (c) => c.admin.users.get({ id: (await signUp(t.db)).user.id }),
    'admin.users.create': (c) => c.admin.users.create(newAccount()),
    'admin.users.update': async (c) => c.admin.users.update({ id: (await signUp(t.db)).user.id, firstName: 'Renamed' }),
    'admin.users.delete': async (c) => c.admin.users.delete({ id: (await signUp(t.db)).user.id }),
    'admin.users.cars.list': async (c) => c.admin.users.cars.list({ id: (await signUp(t.db)).user.id }),
    'admin.users.cars.create': async (c) => c.admin.users.cars.create({ id: (await signUp(t.db)).user.id, ...car }),
    'admin.users.cars.update': async (c) => {
      const owner = await signUp(t.db);
      const own = await owner.caller.cars.create(car);
      return c.admin.users.cars.update({ id: owner.user.id, carId: own.id, mileage: 5 });
    },
    'admin.users.cars.delete': async (c) => {
      const owner = await signUp(t.db);
      const own = await owner.caller.cars.create(car);
      return c.admin.users.cars.delete({ id: owner.user.id, carId: own.id });
    },
    'admin.audit.list': (c) => c.admin.audit.list({}),
    'staff.create': (c) => c.staff.create(newAccount()),
    'staff.list': (c) => c.staff.list({}),
    'staff.update': async (c) => {
      const staff = await userWithRole(t.db, 'staff');
      return c.staff.update({ id: staff.id, commissionRate: '6' });
    },
  };

  it.each(Object.keys(procedures))('%s: anonymous 401, clients and staff 403, admin allowed', async (name) => {
    const call = procedures[name];
    if (!call) throw new Error(name);
    const client = await userWithRole(t.db, 'client');
    const otherClient = await userWithRole(t.db, 'client');
    const staff = await userWithRole(t.db, 'staff');
    expect((await errorOf(call(await callerFor(t.db)))).code).toBe('UNAUTHORIZED');
    for (const refused of [client, otherClient, staff]) {
      expect((await errorOf(call(refused.caller))).code).toBe('FORBIDDEN');
    }
    await expect(call(admin.caller)).resolves.toBeDefined();
  });

  it('a car id under another user, or an unknown user, is 404 through admin.users.cars.*', async () => {
    const alice = await signUp(t.db);
    const bob = await signUp(t.db);
    const bobsCar = await bob.caller.cars.create(car);
    const stock = await admin.caller.inventory.create({
      make: 'BMW',
      model: 'X5',
      year: 2020,
      fuelType: 'diesel',
      bodyType: 'suv',
      transmission: 'automatic',
      price: '100',
    });
    for (const carId of [bobsCar.id, stock.id, '00000000-0000-4000-8000-000000000000']) {
      const update = admin.caller.admin.users.cars.update({ id: alice.user.id, carId, mileage: 1 });
      expect((await errorOf(update)).code).toBe('NOT_FOUND');
      expect((await errorOf(admin.caller.admin.users.cars.delete({ id: alice.user.id, carId }))).code).toBe(
        'NOT_FOUND',
      );
    }
    const nobody = '00000000-0000-4000-8000-000000000001';
    expect((await errorOf(admin.caller.admin.users.get({ id: nobody }))).code).toBe('NOT_FOUND');
    expect((await errorOf(admin.caller.admin.users.cars.list({ id: nobody }))).code).toBe('NOT_FOUND');
    expect((await errorOf(admin.caller.admin.users.cars.create({ id: nobody, ...car }))).code).toBe('NOT_FOUND');
    expect((await bob.caller.cars.get({ id: bobsCar.id })).mileage).toBe(0);
  });
});

describe('admin.users.*', () => {
  it('creates any role under the password policy, notifies the user and audits it, all or nothing', async () => {
    const { caller } = await userWithRole(t.db, 'admin', { defaultCommissionRate: '6.25' });
    const staffInput = { ...newAccount(), role: 'staff' as const, phone: '+44 1', address: 'Here' };
    const staff = await caller.admin.users.create(staffInput);
    expect(staff).toMatchObject({
      username: staffInput.username,
      role: 'staff',
      commissionRate: '6.25',
      isActive: true,
    });
    expect(staff).not.toHaveProperty('passwordHash');
    const client = await caller.admin.users.create({ ...newAccount(), isActive: false });
    expect(client).toMatchObject({ role: 'client', commissionRate: null, isActive: false });
    const boss = await caller.admin.users.create({ ...newAccount(), role: 'admin', commissionRate: '0' });
    expect(boss.commissionRate).toBe('0.00');
    // The new staff member signs in with the password the admin chose.
    const anonymous = await callerFor(t.db);
    await expect(
      anonymous.auth.login({ identifier: staffInput.email, password: strongPassword }),
    ).resolves.toBeDefined();

    const events = await t.db
      .selectFrom('outboxEvents')
      .select(['type', 'payload'])
      .where('type', '=', 'account.created')
      .execute();
    expect(events.map((e) => (e.payload as { username: string }).username)).toContain(staffInput.username);
    const created = (await auditRows(t.db)).find((row) => row.entityId === staff.id);
    expect(created).toMatchObject({ action: 'create', entity: 'user' });
    expect((created?.changes as Record<string, unknown> | undefined)?.role).toEqual([null, 'staff']);

    // Refused: a weak password, a client with a commission, a taken username. Nothing is left behind.
    const before = await auditCount(t.db);
    const eventsBefore = events.length;
    const weak = newAccount();
    const refusals = [
      caller.admin.users.create({ ...weak, password: '12345678901', passwordConfirm: '12345678901' }),
      caller.admin.users.create({ ...newAccount(), commissionRate: '5' }),
      caller.admin.users.create({ ...newAccount(), username: staffInput.username }),
    ];
    expect(await Promise.all(refusals.map(async (p) => (await errorOf(p)).code))).toEqual([
      'BAD_REQUEST',
      'BAD_REQUEST',
      'CONFLICT',
    ]);
    expect(await auditCount(t.db)).toBe(before);
    const eventsAfter = await t.db
      .selectFrom('outboxEvents')
      .select('id')
      .where('type', '=', 'account.created')
      .execute();
    expect(eventsAfter.length).toBe(eventsBefore);
  });

  it('lists with search over username, e-mail and names, role and isActive filters, keyset pages', async () => {
    const tag = `zq${Math.random().toString(36).slice(2, 7)}`;
    const made = [];
    for (const [i, role] of (['client', 'staff', 'client'] as const).entries()) {
      made.push(
        await admin.caller.admin.users.create({ ...newAccount(), role, lastName: `${tag}${i}`, isActive: i !== 2 }),
      );
    }
    const byName = await admin.caller.admin.users.list({ search: tag });
    expect(byName.items.map((u) => u.id).sort()).toEqual(made.map((u) => u.id).sort());
    const byEmail = await admin.caller.admin.users.list({ search: made[0]?.email.toUpperCase() });
    expect(byEmail.items.map((u) => u.id)).toEqual([made[0]?.id]);
    expect((await admin.caller.admin.users.list({ search: tag, role: 'staff' })).items.map((u) => u.id)).toEqual([
      made[1]?.id,
    ]);
    expect((await admin.caller.admin.users.list({ search: tag, isActive: false })).items.map((u) => u.id)).toEqual([
      made[2]?.id,
    ]);
    // A `%` is a character to find, not a wildcard.
    expect((await admin.caller.admin.users.list({ search: '%' })).items).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await admin.caller.admin.users.list({ search: tag, sort: 'lastName', limit: 2, cursor });
      seen.push(...page.items.map((u) => u.lastName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([`${tag}0`, `${tag}1`, `${tag}2`]);
  });

  it('gets a user with the first page of their garage', async () => {
    const owner = await signUp(t.db);
    const own = await owner.caller.cars.create(car);
    const detail = await admin.caller.admin.users.get({ id: owner.user.id });
    expect(detail).toMatchObject({ id: owner.user.id, role: 'client', commissionRate: null });
    expect(detail.cars).toEqual({ items: [own], nextCursor: null });
  });

  it('updates profile, role and active; a role change sets or clears the commission rate', async () => {
    const { caller } = await userWithRole(t.db, 'admin', { defaultCommissionRate: '4.00' });
    const user = await signUp(t.db);
    const promoted = await caller.admin.users.update({ id: user.user.id, role: 'staff', firstName: 'Promoted' });
    expect(promoted).toMatchObject({ role: 'staff', firstName: 'Promoted', commissionRate: '4.00' });
    expect((await caller.admin.users.update({ id: user.user.id, commissionRate: '12.5' })).commissionRate).toBe(
      '12.50',
    );
    expect((await caller.admin.users.update({ id: user.user.id, role: 'client' })).commissionRate).toBeNull();
    await expect(caller.admin.users.update({ id: user.user.id })).resolves.toMatchObject({ role: 'client' });
    const other = await signUp(t.db);
    const taken = caller.admin.users.update({ id: user.user.id, email: other.user.email.toUpperCase() });
    expect((await errorOf(taken)).code).toBe('CONFLICT');
    const rows = (await auditRows(t.db)).filter((row) => row.entityId === user.user.id);
    expect(rows.map((row) => row.changes)).toEqual([
      {
        firstName: ['Test', 'Promoted'],
        role: ['client', 'staff'],
        commissionRate: [null, '4.00'],
      },
      { commissionRate: ['4.00', '12.50'] },
      { role: ['staff', 'client'], commissionRate: ['12.50', null] },
      {},
    ]);
  });

  it('deactivating a user ends every session of theirs at once', async () => {
    const user = await signUp(t.db);
    const second = await callerFor(t.db, {
      token: (await (await callerFor(t.db)).auth.login({ identifier: user.user.username, password: user.password }))
        .token,
    });
    expect((await second.auth.me()).id).toBe(user.user.id);
    await admin.caller.admin.users.update({ id: user.user.id, isActive: false });
    const left = await t.db.selectFrom('sessions').select('id').where('userId', '=', user.user.id).execute();
    expect(left).toEqual([]);
    const again = await callerFor(t.db, { token: user.token });
    expect((await errorOf(again.auth.me())).code).toBe('UNAUTHORIZED');
  });

  it('refuses to demote, deactivate or delete yourself', async () => {
    const me = await userWithRole(t.db, 'admin');
    for (const attempt of [
      () => me.caller.admin.users.update({ id: me.id, role: 'staff' }),
      () => me.caller.admin.users.update({ id: me.id, isActive: false }),
      () => me.caller.staff.update({ id: me.id, isActive: false }),
      () => me.caller.admin.users.delete({ id: me.id }),
    ]) {
      expect((await errorOf(attempt())).code).toBe('FORBIDDEN');
    }
    // A profile change of one's own is fine.
    await expect(me.caller.admin.users.update({ id: me.id, firstName: 'Me' })).resolves.toMatchObject({
      role: 'admin',
    });
  });

  it('deletes a user with their garage cars and sessions; their audit rows stay with their name', async () => {
    const other = await userWithRole(t.db, 'admin');
    const victim = await signUp(t.db);
    await victim.caller.cars.create(car);
    const made = await other.caller.admin.users.create(newAccount());
    const name = (await auditRows(t.db)).find((row) => row.entityId === made.id)?.actorName;
    expect(name).toMatch(/\(/);

    await admin.caller.admin.users.delete({ id: victim.user.id });
    await admin.caller.admin.users.delete({ id: other.id });
    expect(await t.db.selectFrom('users').select('id').where('id', 'in', [victim.user.id, other.id]).execute()).toEqual(
      [],
    );
    expect(await t.db.selectFrom('cars').select('id').where('ownerId', '=', victim.user.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('sessions').select('id').where('userId', '=', victim.user.id).execute()).toEqual([]);
    const kept = (await auditRows(t.db)).find((row) => row.entityId === made.id);
    expect(kept).toMatchObject({ actorId: null, actorName: name });
    const deleted = (await auditRows(t.db)).find((row) => row.entityId === victim.user.id && row.action === 'delete');
    expect((deleted?.changes as Record<string, unknown> | undefined)?.username).toEqual([victim.user.username, null]);
    expect((await errorOf(admin.caller.admin.users.delete({ id: victim.user.id }))).code).toBe('NOT_FOUND');
  });

  it('never lets the last active admin go, even to a caller whose rights were taken meanwhile', () =>
    withOwnDatabase(async (own) => {
      const a = await signUp(own.db);
      const b = await signUp(own.db);
      for (const user of [a, b]) await setRole(own.db, user.user.id, 'admin');
      const callerA = await callerFor(own.db, { token: a.token });
      const callerB = await callerFor(own.db, { token: b.token });
      // B was checked as an admin when its request began; A demotes B before B's change runs.
      await callerA.admin.users.update({ id: b.user.id, role: 'client' });
      const before = await auditCount(own.db);
      for (const attempt of [
        () => callerB.admin.users.update({ id: a.user.id, role: 'staff' }),
        () => callerB.admin.users.update({ id: a.user.id, isActive: false }),
        () => callerB.staff.update({ id: a.user.id, isActive: false }),
        () => callerB.admin.users.delete({ id: a.user.id }),
      ]) {
        expect((await errorOf(attempt())).code).toBe('CONFLICT');
      }
      expect(await auditCount(own.db)).toBe(before);
      const admins = await own.db.selectFrom('users').select('id').where('role', '=', 'admin').execute();
      expect(admins.map((row) => row.id)).toEqual([a.user.id]);
    }));

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'two admins demoting each other at the same moment: exactly one succeeds (PostgreSQL)',
    () =>
      withOwnDatabase(async (own) => {
        for (let round = 0; round < 5; round++) {
          await own.db.deleteFrom('users').execute();
          const a = await signUp(own.db);
          const b = await signUp(own.db);
          for (const user of [a, b]) await setRole(own.db, user.user.id, 'admin');
          const callerA = await callerFor(own.db, { token: a.token });
          const callerB = await callerFor(own.db, { token: b.token });
          const change = round % 2 === 0 ? { role: 'client' as const } : { isActive: false };
          const results = await Promise.allSettled([
            callerA.admin.users.update({ id: b.user.id, ...change }),
            callerB.admin.users.update({ id: a.user.id, ...change }),
          ]);
          expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
          const failed = results.find((r) => r.status === 'rejected');
          expect((failed as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
          const left = await own.db
            .selectFrom('users')
            .select('id')
            .where('role', '=', 'admin')
            .where('isActive', '=', true)
            .execute();
          expect(left).toHaveLength(1);
        }
      }),
  );
});

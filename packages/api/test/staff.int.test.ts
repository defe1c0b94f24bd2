import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount } from './admin-helpers';
import { errorOf, fieldMessages } from './car-helpers';
import { callerFor, setRole, signUp, userWithRole } from './helpers';

let t: TestDatabase;
let admin: Awaited<ReturnType<typeof userWithRole>>;
beforeAll(async () => {
  t = await createTestDatabase();
  admin = await userWithRole(t.db, 'admin', { defaultCommissionRate: '5.50' });
});
afterAll(() => t.destroy());

describe('staff.*', () => {
  it('creates staff with the default rate or a given one, and admins too', async () => {
    const plain = await admin.caller.staff.create(newAccount());
    expect(plain).toMatchObject({ role: 'staff', commissionRate: '5.50', isActive: true });
    const given = await admin.caller.staff.create({ ...newAccount(), commissionRate: '7.5' });
    expect(given.commissionRate).toBe('7.50');
    const boss = await admin.caller.staff.create({ ...newAccount(), role: 'admin', commissionRate: '100' });
    expect(boss).toMatchObject({ role: 'admin', commissionRate: '100.00' });
  });

  it.each(['100.01', '-1', '5.123', 'five'])('refuses the rate %j with a message on the field', async (rate) => {
    const error = await errorOf(admin.caller.staff.create({ ...newAccount(), commissionRate: rate }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldMessages(error).commissionRate?.[0]).toMatch(/0 to 100/);
  });

  it('lists staff and admins only, by keyset, filtered by role and active', async () => {
    const client = await signUp(t.db);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await admin.caller.staff.list({ limit: 2, cursor });
      seen.push(...page.items.map((u) => u.role));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(new Set(seen)).toEqual(new Set(['staff', 'admin']));
    const admins = await admin.caller.staff.list({ role: 'admin' });
    expect(admins.items.every((u) => u.role === 'admin')).toBe(true);
    const all = await admin.caller.staff.list({ limit: 100 });
    expect(all.items.map((u) => u.id)).not.toContain(client.user.id);
  });

  it('updates rate, profile and active; a client is no staff member (404)', async () => {
    const member = await signUp(t.db);
    await setRole(t.db, member.user.id, 'staff');
    const changed = await admin.caller.staff.update({ id: member.user.id, commissionRate: '3', lastName: 'Seller' });
    expect(changed).toMatchObject({ commissionRate: '3.00', lastName: 'Seller', role: 'staff' });
    await admin.caller.staff.update({ id: member.user.id, isActive: false });
    const again = await callerFor(t.db, { token: member.token });
    expect((await errorOf(again.auth.me())).code).toBe('UNAUTHORIZED');
    const client = await signUp(t.db);
    expect((await errorOf(admin.caller.staff.update({ id: client.user.id, commissionRate: '3' }))).code).toBe(
      'NOT_FOUND',
    );
  });
});

import { createHash } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from './admin-helpers';
import { stockFields } from './booking-helpers';
import { errorOf, fieldMessages } from './car-helpers';
import { callerFor, setRole, signUp, userWithRole } from './helpers';

let t: TestDatabase;
let admin: Awaited<ReturnType<typeof userWithRole>>;
beforeAll(async () => {
  t = await createTestDatabase();
  admin = await userWithRole(t.db, 'admin');
});
afterAll(() => t.destroy());

const DAY = 24 * 60 * 60 * 1000;

/** A user of the role, with a session caller and a key of the given scopes. */
async function keyHolder(role: 'client' | 'staff' | 'admin', scopes: string[], settings = {}) {
  const user = await signUp(t.db);
  if (role !== 'client') await setRole(t.db, user.user.id, role);
  const session = await callerFor(t.db, { token: user.token });
  const created = await session.apiKeys.create({ name: `tool of ${role}`, scopes: scopes as never });
  return {
    userId: user.user.id,
    session,
    created,
    key: await callerFor(t.db, { apiKey: created.key, settings }),
    /** The same key sent as a Bearer token. */
    bearer: await callerFor(t.db, { token: created.key, settings }),
  };
}

describe('apiKeys.create / list', () => {
  it('shows the key once, stores only its SHA-256 with a visible prefix, lists without secrets', async () => {
    const { session, created, userId } = await keyHolder('client', ['cars:read']);
    expect(created.key).toMatch(/^chk_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));
    expect(created).toMatchObject({ name: 'tool of client', scopes: ['cars:read'], expiresAt: null, lastUsedAt: null });

    const rows = await t.db.selectFrom('apiKeys').selectAll().where('userId', '=', userId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(created.key);

    const listed = await session.apiKeys.list();
    expect(listed.items).toHaveLength(1);
    expect(Object.keys(listed.items[0] ?? {}).sort()).toEqual(
      ['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix', 'scopes'].sort(),
    );
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(JSON.stringify(listed)).not.toContain(rows[0]?.tokenHash);
  });

  it('refuses unknown scopes, no scopes, an expiry in the past or more than a year ahead', async () => {
    const user = await signUp(t.db);
    const bad = await errorOf(user.caller.apiKeys.create({ name: 'x', scopes: ['cars:delete' as never] }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect((await errorOf(user.caller.apiKeys.create({ name: 'x', scopes: [] }))).code).toBe('BAD_REQUEST');
    const past = await errorOf(
      user.caller.apiKeys.create({ name: 'x', scopes: ['*:read'], expiresAt: new Date(Date.now() - 1000) }),
    );
    expect(fieldMessages(past).expiresAt?.[0]).toMatch(/future/);
    const far = await errorOf(
      user.caller.apiKeys.create({ name: 'x', scopes: ['*:read'], expiresAt: new Date(Date.now() + 400 * DAY) }),
    );
    expect(fieldMessages(far).expiresAt?.[0]).toMatch(/year/);
    const fine = await user.caller.apiKeys.create({
      name: 'x',
      scopes: ['*:read', '*:read'],
      expiresAt: new Date(Date.now() + 300 * DAY),
    });
    expect(fine.scopes).toEqual(['*:read']);
  });

  it('writes audit rows for create and revoke, without the key or its hash', async () => {
    const { session, created, userId } = await keyHolder('client', ['cars:read']);
    await session.apiKeys.revoke({ id: created.id });
    const rows = (await auditRows(t.db)).filter((r) => r.entity === 'api_key' && r.entityId === created.id);
    expect(rows.map((r) => [r.action, r.actorId])).toEqual([
      ['create', userId],
      ['delete', userId],
    ]);
    expect(JSON.stringify(rows)).not.toContain(created.key);
    expect(JSON.stringify(rows)).not.toContain(createHash('sha256').update(created.key).digest('hex'));
  });
});

describe('scopes', () => {
  it('a read scope of an area allows its queries, not its mutations nor other areas', async () => {
    const { key, bearer, session } = await keyHolder('staff', ['inventory:read']);
    await session.inventory.create({ make: 'Skoda', model: 'Octavia', year: 2021, ...stockFields });
    for (const caller of [key, bearer]) {
      expect((await caller.inventory.list({})).items.length).toBeGreaterThan(0);
      const write = await errorOf(
        caller.inventory.create({ make: 'Skoda', model: 'Fabia', year: 2021, ...stockFields }),
      );
      expect(write.code).toBe('FORBIDDEN');
      expect(write.message).toMatch(/inventory:write/);
      expect((await errorOf(caller.bookings.list({}))).code).toBe('FORBIDDEN');
      expect((await errorOf(caller.auth.me())).code).toBe('FORBIDDEN');
    }
  });

  it('*:read and *:write cover every area; a write scope alone does not grant reads', async () => {
    const { key } = await keyHolder('staff', ['*:write']);
    const car = await key.inventory.create({ make: 'Seat', model: 'Leon', year: 2020, ...stockFields });
    expect(car.make).toBe('Seat');
    expect((await errorOf(key.inventory.get({ id: car.id }))).code).toBe('FORBIDDEN');
    const reader = await keyHolder('staff', ['*:read']);
    expect((await reader.key.inventory.get({ id: car.id })).id).toBe(car.id);
    expect((await reader.key.auth.me()).role).toBe('staff');
  });

  it('never goes beyond the role of its user, and follows a role change at once', async () => {
    const { key, userId, created } = await keyHolder('client', ['*:read', '*:write']);
    expect((await errorOf(key.inventory.create({ make: 'Kia', model: 'Ceed', year: 2020, ...stockFields }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await errorOf(key.admin.users.list({}))).code).toBe('FORBIDDEN');
    expect((await errorOf(key.sales.list({}))).code).toBe('FORBIDDEN');
    await setRole(t.db, userId, 'staff');
    const promoted = await callerFor(t.db, { apiKey: created.key });
    expect((await promoted.sales.list({})).items).toBeDefined();
  });

  it('can never manage keys or sessions, nor change the password, whatever its scopes', async () => {
    const { key, bearer, created } = await keyHolder('admin', ['*:read', '*:write']);
    for (const caller of [key, bearer]) {
      const attempts = [
        () => caller.apiKeys.list(),
        () => caller.apiKeys.create({ name: 'more', scopes: ['*:read'] }),
        () => caller.apiKeys.revoke({ id: created.id }),
        () => caller.admin.apiKeys.list({}),
        () => caller.admin.apiKeys.revoke({ id: created.id }),
        () => caller.auth.sessions(),
        () => caller.auth.revokeSession({ id: created.id }),
        () => caller.auth.logout(),
        () => caller.auth.logoutAll(),
        () => caller.auth.refresh(),
        () =>
          caller.auth.changePassword({
            oldPassword: 'x',
            newPassword: 'correct-horse-battery-10',
            newPasswordConfirm: 'correct-horse-battery-10',
          }),
      ];
      for (const attempt of attempts) expect((await errorOf(attempt())).code).toBe('FORBIDDEN');
    }
    // Still live: nothing above revoked it.
    expect((await key.auth.me()).role).toBe('admin');
  });
});

describe('expiry, revocation, deactivation', () => {
  it('an expired key is refused (401) on every procedure, public ones included', async () => {
    const { key, created } = await keyHolder('client', ['*:read']);
    expect((await key.auth.me()).id).toBeDefined();
    await sql`update api_keys set expires_at = now() - interval '1 second' where id = ${created.id}`.execute(t.db);
    const again = await callerFor(t.db, { apiKey: created.key });
    expect((await errorOf(again.auth.me())).code).toBe('UNAUTHORIZED');
    expect((await errorOf(again.inventory.list({}))).code).toBe('UNAUTHORIZED');
  });

  it('revocation (own or by an admin) and deactivation stop the key on the next call', async () => {
    const own = await keyHolder('client', ['*:read']);
    await own.key.auth.me();
    await own.session.apiKeys.revoke({ id: own.created.id });
    expect((await errorOf((await callerFor(t.db, { apiKey: own.created.key })).auth.me())).code).toBe('UNAUTHORIZED');
    expect((await own.session.apiKeys.list()).items).toEqual([]);
    expect((await errorOf(own.session.apiKeys.revoke({ id: own.created.id }))).code).toBe('NOT_FOUND');

    const other = await keyHolder('client', ['*:read']);
    // Someone else's key is not one's own to revoke.
    expect((await errorOf(own.session.apiKeys.revoke({ id: other.created.id }))).code).toBe('NOT_FOUND');
    const listed = await admin.caller.admin.apiKeys.list({ userId: other.userId });
    expect(listed.items.map((k) => [k.id, k.userId])).toEqual([[other.created.id, other.userId]]);
    expect(JSON.stringify(listed)).not.toContain(other.created.key);
    await admin.caller.admin.apiKeys.revoke({ id: other.created.id });
    expect((await errorOf((await callerFor(t.db, { apiKey: other.created.key })).auth.me())).code).toBe('UNAUTHORIZED');
    const audited = (await auditRows(t.db)).filter((r) => r.entityId === other.created.id && r.action === 'delete');
    expect(audited.map((r) => r.actorId)).toEqual([admin.id]);

    const third = await keyHolder('client', ['*:read']);
    await third.key.auth.me();
    await admin.caller.admin.users.update({ id: third.userId, isActive: false });
    expect((await errorOf((await callerFor(t.db, { apiKey: third.created.key })).auth.me())).code).toBe('UNAUTHORIZED');
  });

  it('admin.apiKeys.* are for admins only', async () => {
    const staff = await userWithRole(t.db, 'staff');
    expect((await errorOf(staff.caller.admin.apiKeys.list({}))).code).toBe('FORBIDDEN');
  });
});

describe('lastUsedAt and the per-key limit', () => {
  it('lastUsedAt is written on first use, then at most once a minute', async () => {
    const { created, session } = await keyHolder('client', ['auth:read']);
    await (await callerFor(t.db, { apiKey: created.key })).auth.me();
    const first = (await session.apiKeys.list()).items[0]?.lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await (await callerFor(t.db, { apiKey: created.key })).auth.me();
    expect((await session.apiKeys.list()).items[0]?.lastUsedAt).toEqual(first);
    await sql`update api_keys set last_used_at = now() - interval '61 seconds' where id = ${created.id}`.execute(t.db);
    await (await callerFor(t.db, { apiKey: created.key })).auth.me();
    const later = (await session.apiKeys.list()).items[0]?.lastUsedAt;
    expect(later && first && later.getTime() >= first.getTime()).toBe(true);
    expect(later).not.toEqual(first);
  });

  it('answers 429 with a retry time once a key passed its limit; a batch counts each call', async () => {
    const settings = { apiKeyRateLimit: 3 };
    const { created } = await keyHolder('client', ['auth:read']);
    // keyHolder's own callers were requests too: start from an empty count.
    await sql`delete from api_key_usage where api_key_id = ${created.id}`.execute(t.db);
    for (let i = 0; i < 3; i += 1) await (await callerFor(t.db, { apiKey: created.key, settings })).auth.me();
    const limited = await errorOf((await callerFor(t.db, { apiKey: created.key, settings })).auth.me());
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    const retryAfter = (limited.cause as { retryAfter?: number }).retryAfter ?? 0;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // A new window: the count starts again.
    await sql`update api_key_usage set window_start = now() - interval '61 seconds' where api_key_id = ${created.id}`.execute(
      t.db,
    );
    await (await callerFor(t.db, { apiKey: created.key, settings })).auth.me();
    const batch = await errorOf((await callerFor(t.db, { apiKey: created.key, settings, calls: 3 })).auth.me());
    expect(batch.code).toBe('TOO_MANY_REQUESTS');
  });
});

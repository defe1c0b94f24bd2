import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createContextInner } from '../src/context';
import { hashToken, sessionsFor } from '../src/domain/auth/sessions';
import { adminProcedure, authedProcedure, createCallerFactory, createTRPCRouter, staffProcedure } from '../src/trpc';
import { errorOf } from './car-helpers';
import { callerFor, setRole, signUp, strongPassword } from './helpers';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

describe('the whole life of an account', () => {
  it('register -> login by username and by e-mail -> me -> updateMe -> refresh -> changePassword -> logout -> logoutAll', async () => {
    const anonymous = await callerFor(t.db);
    const registered = await anonymous.auth.register({
      username: 'Life.Cycle',
      email: 'Life.Cycle@Example.com',
      password: strongPassword,
      passwordConfirm: strongPassword,
      firstName: 'Life',
      lastName: 'Cycle',
      phone: '+49 30 1234',
    });
    expect(registered.user).toMatchObject({
      username: 'Life.Cycle',
      role: 'client',
      isActive: true,
      phone: '+49 30 1234',
    });
    expect(registered.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);

    const byName = await anonymous.auth.login({ identifier: 'life.cycle', password: strongPassword });
    const byEmail = await anonymous.auth.login({ identifier: 'LIFE.CYCLE@example.com', password: strongPassword });
    expect(byName.user.id).toBe(registered.user.id);
    expect(byEmail.user.id).toBe(registered.user.id);

    const a = await callerFor(t.db, { token: byName.token });
    expect((await a.auth.me()).username).toBe('Life.Cycle');
    const updated = await a.auth.updateMe({ firstName: 'Lifey', address: '1 Road' });
    expect(updated).toMatchObject({ firstName: 'Lifey', lastName: 'Cycle', address: '1 Road' });

    const rotated = await a.auth.refresh();
    expect(rotated.token).not.toBe(byName.token);
    // A caller is one request: each check below builds a new one, as a new HTTP request would.
    expect((await errorOf((await callerFor(t.db, { token: byName.token })).auth.me())).code).toBe('UNAUTHORIZED');
    const a2 = await callerFor(t.db, { token: rotated.token });
    expect((await a2.auth.me()).id).toBe(registered.user.id);

    const newPassword = 'another-long-secret-7';
    await a2.auth.changePassword({ oldPassword: strongPassword, newPassword, newPasswordConfirm: newPassword });
    // Every other session ended; the current one lives on.
    expect((await errorOf((await callerFor(t.db, { token: byEmail.token })).auth.me())).code).toBe('UNAUTHORIZED');
    expect((await errorOf((await callerFor(t.db, { token: registered.token })).auth.me())).code).toBe('UNAUTHORIZED');
    expect((await a2.auth.me()).id).toBe(registered.user.id);
    expect((await errorOf(anonymous.auth.login({ identifier: 'life.cycle', password: strongPassword }))).code).toBe(
      'UNAUTHORIZED',
    );

    await a2.auth.logout();
    expect((await errorOf((await callerFor(t.db, { token: rotated.token })).auth.me())).code).toBe('UNAUTHORIZED');

    const s1 = await anonymous.auth.login({ identifier: 'life.cycle', password: newPassword });
    const s2 = await anonymous.auth.login({ identifier: 'life.cycle', password: newPassword });
    await (await callerFor(t.db, { token: s1.token })).auth.logoutAll();
    for (const token of [s1.token, s2.token]) {
      expect((await errorOf((await callerFor(t.db, { token })).auth.me())).code).toBe('UNAUTHORIZED');
    }
  });

  it('lists live sessions with the current one marked, and revokes one by its public id', async () => {
    const user = await signUp(t.db);
    const anonymous = await callerFor(t.db, { userAgent: 'Other Browser', ip: '198.51.100.9' });
    const other = await anonymous.auth.login({ identifier: user.user.username, password: user.password });
    const { items } = await user.caller.auth.sessions();
    expect(items).toHaveLength(2);
    const current = items.find((s) => s.current);
    const second = items.find((s) => !s.current);
    expect(current).toMatchObject({ userAgent: 'vitest', ip: expect.stringMatching(/^198\.18\./) });
    expect(second).toMatchObject({ userAgent: 'Other Browser', ip: '198.51.100.9' });
    expect(JSON.stringify(items)).not.toContain(other.token);

    // Another user's session id is not found: ids leak nothing.
    const stranger = await signUp(t.db);
    expect((await errorOf(stranger.caller.auth.revokeSession({ id: second?.id ?? '' }))).code).toBe('NOT_FOUND');

    await user.caller.auth.revokeSession({ id: second?.id ?? '' });
    expect((await errorOf((await callerFor(t.db, { token: other.token })).auth.me())).code).toBe('UNAUTHORIZED');
    expect((await user.caller.auth.sessions()).items).toHaveLength(1);
  });
});

describe('sign-up rules', () => {
  const valid = {
    username: 'rules_user',
    email: 'rules@example.com',
    password: strongPassword,
    passwordConfirm: strongPassword,
    firstName: 'R',
    lastName: 'U',
  };

  it.each([
    ['username', { username: 'ab' }, 'Username must be 3-30 characters'],
    ['username', { username: 'has space' }, 'Username must be 3-30 characters'],
    ['email', { email: 'not-an-email' }, 'Enter a valid e-mail address.'],
    ['password', { password: 'short', passwordConfirm: 'short' }, 'at least 8 characters'],
    ['password', { password: '1234567890', passwordConfirm: '1234567890' }, 'must not be all digits'],
    ['password', { password: 'password1', passwordConfirm: 'password1' }, 'too common'],
    ['password', { password: 'rules_user', passwordConfirm: 'rules_user' }, 'must not be the username'],
    ['passwordConfirm', { passwordConfirm: 'something-else-1' }, 'Passwords do not match.'],
    ['firstName', { firstName: '' }, 'First name is required.'],
  ])('refuses a bad %s with 400 and that field’s message', async (field, change, message) => {
    const error = await errorOf((await callerFor(t.db)).auth.register({ ...valid, ...change }));
    expect(error.code).toBe('BAD_REQUEST');
    const shape = error.cause;
    const fields =
      shape instanceof z.ZodError
        ? Object.fromEntries(shape.issues.map((i) => [i.path.join('.'), i.message]))
        : (error.cause as { fieldErrors?: Record<string, string[]> }).fieldErrors;
    expect(JSON.stringify(fields?.[field])).toContain(message);
  });

  it('creates a client whatever role the input claims', async () => {
    const input = { ...valid, username: 'sneaky', email: 'sneaky@example.com', role: 'admin', isActive: false };
    const result = await (await callerFor(t.db)).auth.register(input as typeof valid);
    expect(result.user.role).toBe('client');
    expect(result.user.isActive).toBe(true);
  });

  it('refuses a taken username or e-mail in any letter case with 409', async () => {
    await (await callerFor(t.db)).auth.register({ ...valid, username: 'taken_one', email: 'taken@example.com' });
    const byName = await errorOf(
      (await callerFor(t.db)).auth.register({ ...valid, username: 'TAKEN_ONE', email: 'fresh@example.com' }),
    );
    expect(byName.code).toBe('CONFLICT');
    expect(byName.message).toBe('That username is taken.');
    const byEmail = await errorOf(
      (await callerFor(t.db)).auth.register({ ...valid, username: 'fresh_one', email: 'Taken@EXAMPLE.com' }),
    );
    expect(byEmail.code).toBe('CONFLICT');
    expect(byEmail.message).toBe('That e-mail address is already registered.');
  });
});

describe('signing in', () => {
  it('answers a wrong password and an unknown user with the same 401', async () => {
    const user = await signUp(t.db);
    const anonymous = await callerFor(t.db, { ip: '192.0.2.50' });
    const wrong = await errorOf(anonymous.auth.login({ identifier: user.user.username, password: 'wrong-password-x' }));
    const unknown = await errorOf(anonymous.auth.login({ identifier: 'nobody_here', password: 'wrong-password-x' }));
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect(unknown.code).toBe('UNAUTHORIZED');
    expect(wrong.message).toBe(unknown.message);
  });

  it('ends a deactivated user’s sessions at once and refuses their login', async () => {
    const user = await signUp(t.db);
    expect((await user.caller.auth.me()).id).toBe(user.user.id);
    await t.db.updateTable('users').set({ isActive: false }).where('id', '=', user.user.id).execute();
    const fresh = await callerFor(t.db, { token: user.token });
    expect((await errorOf(fresh.auth.me())).code).toBe('UNAUTHORIZED');
    const again = await errorOf(
      (await callerFor(t.db)).auth.login({ identifier: user.user.username, password: user.password }),
    );
    expect(again.code).toBe('UNAUTHORIZED');
  });

  it('throttles failed guesses per identifier and IP with 429 and a retry time, before hashing', async () => {
    const user = await signUp(t.db);
    const attacker = await callerFor(t.db, { ip: '198.51.100.66' });
    for (let i = 0; i < 10; i++) {
      const e = await errorOf(attacker.auth.login({ identifier: user.user.username, password: `guess-${i}-xxxx` }));
      expect(e.code).toBe('UNAUTHORIZED');
    }
    const limited = await errorOf(attacker.auth.login({ identifier: user.user.username, password: user.password }));
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    expect((limited.cause as { retryAfter?: number }).retryAfter).toBeGreaterThan(800);

    // The owner, elsewhere, is not locked out by the stranger.
    const owner = await callerFor(t.db, { ip: '203.0.113.200' });
    expect((await owner.auth.login({ identifier: user.user.username, password: user.password })).user.id).toBe(
      user.user.id,
    );
  });

  it('forgets a pair’s failures after a successful login', async () => {
    const user = await signUp(t.db);
    const caller = await callerFor(t.db, { ip: '198.51.100.77' });
    for (let i = 0; i < 9; i++) {
      await errorOf(caller.auth.login({ identifier: user.user.username, password: `nope-${i}-xxxxx` }));
    }
    await caller.auth.login({ identifier: user.user.username, password: user.password });
    for (let i = 0; i < 9; i++) {
      expect(
        (await errorOf(caller.auth.login({ identifier: user.user.username, password: 'nope-again-x' }))).code,
      ).toBe('UNAUTHORIZED');
    }
  });
});

describe('session lifetime', () => {
  const DAY = 24 * 3600 * 1000;
  const stored = (token: string) =>
    t.db
      .selectFrom('sessions')
      .select(['expiresAt', 'lastUsedAt'])
      .where('id', '=', hashToken(token))
      .executeTakeFirst();
  const setStored = (token: string, values: { expiresAt?: Date; lastUsedAt?: Date }) =>
    t.db.updateTable('sessions').set(values).where('id', '=', hashToken(token)).execute();

  it('refuses an expired session and deletes it', async () => {
    const user = await signUp(t.db);
    await setStored(user.token, { expiresAt: new Date(Date.now() - 1000) });
    expect(await sessionsFor(t.db).validate(user.token)).toBeNull();
    expect(await stored(user.token)).toBeUndefined();
  });

  it('leaves a session in the first half of its life as it is, and extends one past half by 30 days', async () => {
    const user = await signUp(t.db);
    const early = new Date(Date.now() + 20 * DAY);
    await setStored(user.token, { expiresAt: early, lastUsedAt: new Date() });
    const young = await sessionsFor(t.db).validate(user.token);
    expect(young?.session).toMatchObject({ fresh: false, expiresAt: early });
    expect((await stored(user.token))?.expiresAt).toEqual(early);

    await setStored(user.token, { expiresAt: new Date(Date.now() + 10 * DAY) });
    const old = await sessionsFor(t.db).validate(user.token);
    expect(old?.session.fresh).toBe(true);
    expect(old?.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29.9 * DAY);
    expect((await stored(user.token))?.expiresAt).toEqual(old?.session.expiresAt);
    expect(old?.user).toEqual({
      id: user.user.id,
      username: user.user.username,
      email: user.user.email,
      firstName: user.user.firstName,
      lastName: user.user.lastName,
      role: 'client',
      isActive: true,
    });
  });

  it('writes lastUsedAt at most once a minute', async () => {
    const user = await signUp(t.db);
    const recent = new Date(Date.now() - 30_000);
    await setStored(user.token, { lastUsedAt: recent });
    await sessionsFor(t.db).validate(user.token);
    expect((await stored(user.token))?.lastUsedAt).toEqual(recent);
    const stale = new Date(Date.now() - 120_000);
    await setStored(user.token, { lastUsedAt: stale });
    await sessionsFor(t.db).validate(user.token);
    expect((await stored(user.token))?.lastUsedAt.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });
});

describe('roles in base procedures', () => {
  // A router of the real base procedures: the gates themselves are under test.
  const gated = createTRPCRouter({
    signedIn: authedProcedure.query(({ ctx }) => ctx.auth.user.role),
    staffOnly: staffProcedure.query(() => 'staff ok'),
    adminOnly: adminProcedure.query(() => 'admin ok'),
  });
  const createGatedCaller = createCallerFactory(gated);

  it('no token -> 401; client -> 403 on staff and admin; staff -> 403 on admin; admin -> all', async () => {
    const anonymous = createGatedCaller(await createContextInner({ db: t.db }));
    expect((await errorOf(anonymous.signedIn())).code).toBe('UNAUTHORIZED');
    expect((await errorOf(anonymous.staffOnly())).code).toBe('UNAUTHORIZED');

    const user = await signUp(t.db);
    const as = async () => createGatedCaller(await createContextInner({ db: t.db, token: user.token }));
    expect(await (await as()).signedIn()).toBe('client');
    expect((await errorOf((await as()).staffOnly())).code).toBe('FORBIDDEN');
    expect((await errorOf((await as()).adminOnly())).code).toBe('FORBIDDEN');

    // Role is read on every request: a promotion takes effect on the next call.
    await setRole(t.db, user.user.id, 'staff');
    expect(await (await as()).staffOnly()).toBe('staff ok');
    expect((await errorOf((await as()).adminOnly())).code).toBe('FORBIDDEN');

    await setRole(t.db, user.user.id, 'admin');
    expect(await (await as()).staffOnly()).toBe('staff ok');
    expect(await (await as()).adminOnly()).toBe('admin ok');

    await setRole(t.db, user.user.id, 'client');
    expect((await errorOf((await as()).staffOnly())).code).toBe('FORBIDDEN');
  });
});

describe('secrets at rest', () => {
  it('the sessions table holds only token hashes, and no answer carries a hash', async () => {
    const user = await signUp(t.db);
    const { rows } = await sql<{ id: string }>`select id from sessions where user_id = ${user.user.id}`.execute(t.db);
    expect(rows).toEqual([{ id: hashToken(user.token) }]);
    expect(rows[0]?.id).not.toContain(user.token);

    const stored = await t.db
      .selectFrom('users')
      .select('passwordHash')
      .where('id', '=', user.user.id)
      .executeTakeFirstOrThrow();
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const answers = JSON.stringify([user, await user.caller.auth.me(), await user.caller.auth.sessions()]);
    expect(answers).not.toContain(stored.passwordHash);
    expect(answers).not.toContain(hashToken(user.token));
    expect(answers).not.toMatch(/passwordHash|argon2/);
  });
});

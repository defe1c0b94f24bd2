import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './car-helpers';
import { callerFor, signUp, strongPassword } from './helpers';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

const newPassword = 'another-long-secret-7';
const change = { oldPassword: strongPassword, newPassword, newPasswordConfirm: newPassword };

/** Whether these credentials sign in (a fresh anonymous caller, as a new request would be). */
async function signsIn(username: string, password: string): Promise<boolean> {
  const anonymous = await callerFor(t.db);
  return anonymous.auth.login({ identifier: username, password }).then(
    () => true,
    () => false,
  );
}

async function sessionLives(token: string): Promise<boolean> {
  const caller = await callerFor(t.db, { token });
  return caller.auth.me().then(
    () => true,
    () => false,
  );
}

describe('auth.changePassword is one transaction', () => {
  it('a revocation that fails takes the new password back with it; once it can run, both happen', async () => {
    const account = await signUp(t.db);
    const username = account.user.username;
    const other = await (await callerFor(t.db)).auth.login({ identifier: username, password: strongPassword });

    // The database itself refuses to end sessions, so the revocation fails after the new hash
    // was written, inside the same transaction.
    await sql`
      create function refuse_session_delete() returns trigger language plpgsql as $$
      begin raise exception 'sessions may not be deleted now'; end $$
    `.execute(t.db);
    await sql`
      create trigger refuse_session_delete before delete on sessions
      for each row execute function refuse_session_delete()
    `.execute(t.db);

    expect((await errorOf(account.caller.auth.changePassword(change))).code).toBe('INTERNAL_SERVER_ERROR');
    expect(await signsIn(username, strongPassword)).toBe(true);
    expect(await signsIn(username, newPassword)).toBe(false);
    expect(await sessionLives(other.token)).toBe(true);

    await sql`drop trigger refuse_session_delete on sessions`.execute(t.db);
    await sql`drop function refuse_session_delete()`.execute(t.db);

    await (await callerFor(t.db, { token: account.token })).auth.changePassword(change);
    expect(await signsIn(username, newPassword)).toBe(true);
    expect(await signsIn(username, strongPassword)).toBe(false);
    expect(await sessionLives(other.token)).toBe(false);
    expect(await sessionLives(account.token)).toBe(true);
  });
});

import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './car-helpers';
import { callerFor, signUp, strongPassword } from './helpers';
import { drain, startSmtpServer, testWorker } from './notify-helpers';

let t: TestDatabase;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await t?.destroy();
});

/** Asks for a reset as a stranger from `ip`, runs the worker, returns the token from the e-mail received. */
async function requestAndReadMail(email: string, ip = '198.51.100.1'): Promise<string> {
  const before = smtp.messages.length;
  await (await callerFor(t.db, { ip })).auth.requestPasswordReset({ email });
  await drain(testWorker(t.db, { smtpUrl: smtp.url }));
  const mail = smtp.messages.slice(before).find((m) => m.to.includes(email.toLowerCase()));
  const token = /https:\/\/carhub\.test\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail?.decoded ?? '')?.[1];
  if (!token) throw new Error('no reset link in the e-mail');
  return token;
}

describe('password reset', () => {
  it('e-mails a link over SMTP; the token works once, ends every session, and only its hash is stored', async () => {
    const alice = await signUp(t.db);
    const other = await (await callerFor(t.db)).auth.login({
      identifier: alice.user.username,
      password: strongPassword,
    });
    const token = await requestAndReadMail(alice.user.email);
    const mail = smtp.messages.at(-1);
    expect(mail?.subject).toBe('Reset your password');
    expect(mail?.raw).toContain('text/html');

    const stored = await t.db
      .selectFrom('passwordResetTokens')
      .select('tokenHash')
      .where('userId', '=', alice.user.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toContain(token);
    // The outbox held the token only until the e-mail went out.
    const events = await t.db
      .selectFrom('outboxEvents')
      .select(['privateData', 'payload'])
      .where('type', '=', 'password_reset.requested')
      .execute();
    expect(events.every((e) => e.privateData === null)).toBe(true);
    expect(JSON.stringify(events)).not.toContain(token);

    const anonymous = await callerFor(t.db);
    const newPassword = 'reset-by-mail-password-4';
    await anonymous.auth.resetPassword({ token, newPassword, newPasswordConfirm: newPassword });
    for (const session of [alice.token, other.token]) {
      expect((await errorOf((await callerFor(t.db, { token: session })).auth.me())).code).toBe('UNAUTHORIZED');
    }
    expect((await anonymous.auth.login({ identifier: alice.user.username, password: newPassword })).user.id).toBe(
      alice.user.id,
    );

    const again = await errorOf(
      anonymous.auth.resetPassword({
        token,
        newPassword: 'third-password-x9',
        newPasswordConfirm: 'third-password-x9',
      }),
    );
    expect(again.code).toBe('BAD_REQUEST');
    expect(again.message).toContain('invalid or has expired');
  });

  it('answers the same for an unknown address, and sends nothing', async () => {
    const known = await signUp(t.db);
    const ask = async (email: string) =>
      (await callerFor(t.db, { ip: '198.51.100.2' })).auth.requestPasswordReset({ email });
    expect(await ask(known.user.email)).toEqual({ ok: true });
    await drain(testWorker(t.db, { smtpUrl: smtp.url }));
    const before = smtp.messages.length;
    const result = await ask('nobody@example.com');
    expect(result).toEqual({ ok: true });
    await drain(testWorker(t.db, { smtpUrl: smtp.url }));
    expect(smtp.messages.length).toBe(before);
  });

  it('a token expires after 30 minutes', async () => {
    const bob = await signUp(t.db);
    const token = await requestAndReadMail(bob.user.email, '198.51.100.3');
    const row = await t.db
      .selectFrom('passwordResetTokens')
      .select(['createdAt', 'expiresAt'])
      .where('userId', '=', bob.user.id)
      .executeTakeFirstOrThrow();
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(29 * 60_000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(30 * 60_000 + 1000);
    await t.db
      .updateTable('passwordResetTokens')
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where('userId', '=', bob.user.id)
      .execute();
    const error = await errorOf(
      (await callerFor(t.db)).auth.resetPassword({
        token,
        newPassword: 'late-password-x1',
        newPasswordConfirm: 'late-password-x1',
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
  });

  it('a token is useless once the password was changed another way', async () => {
    const carol = await signUp(t.db);
    const token = await requestAndReadMail(carol.user.email, '198.51.100.4');
    const changed = 'changed-meanwhile-pw-2';
    await carol.caller.auth.changePassword({
      oldPassword: strongPassword,
      newPassword: changed,
      newPasswordConfirm: changed,
    });
    const error = await errorOf(
      (await callerFor(t.db)).auth.resetPassword({
        token,
        newPassword: 'hijack-password-x3',
        newPasswordConfirm: 'hijack-password-x3',
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(
      (await (await callerFor(t.db)).auth.login({ identifier: carol.user.username, password: changed })).user.id,
    ).toBe(carol.user.id);
  });

  it('the new password must pass the policy, and a refused one leaves the token usable', async () => {
    const dave = await signUp(t.db);
    const token = await requestAndReadMail(dave.user.email, '198.51.100.5');
    const anonymous = await callerFor(t.db);
    const weak = await errorOf(
      anonymous.auth.resetPassword({ token, newPassword: 'password', newPasswordConfirm: 'password' }),
    );
    expect(weak.code).toBe('BAD_REQUEST');
    expect(weak.message).toContain('too common');
    await anonymous.auth.resetPassword({
      token,
      newPassword: 'a-fine-new-password-5',
      newPasswordConfirm: 'a-fine-new-password-5',
    });
  });

  it('is throttled per IP too: one address can not walk through many', async () => {
    const ask = async (email: string) =>
      (await callerFor(t.db, { ip: '198.51.100.10' })).auth.requestPasswordReset({ email });
    for (let i = 0; i < 20; i += 1) await ask(`walker${i}@example.com`);
    const frank = await signUp(t.db);
    expect((await errorOf(ask(frank.user.email))).code).toBe('TOO_MANY_REQUESTS');
    // The same address from elsewhere is still served.
    expect(
      await (await callerFor(t.db, { ip: '198.51.100.11' })).auth.requestPasswordReset({ email: frank.user.email }),
    ).toEqual({ ok: true });
  });

  it('is throttled per address, the same way whether or not it exists', async () => {
    const ask = async (email: string) =>
      (await callerFor(t.db, { ip: '198.51.100.9' })).auth.requestPasswordReset({ email });
    const eve = await signUp(t.db);
    for (const email of [eve.user.email, 'ghost@example.com']) {
      for (let i = 0; i < 5; i += 1) await ask(email);
      const error = await errorOf(ask(email));
      expect(error.code).toBe('TOO_MANY_REQUESTS');
    }
  });
});

describe('terms at sign-up', () => {
  const register = (settings: { requireTerms: boolean }, acceptTerms?: boolean) =>
    callerFor(t.db, { settings }).then((c) => {
      const username = `terms_${Math.random().toString(36).slice(2, 10)}`;
      return c.auth.register({
        username,
        email: `${username}@example.com`,
        password: strongPassword,
        passwordConfirm: strongPassword,
        firstName: 'T',
        lastName: 'C',
        ...(acceptTerms === undefined ? {} : { acceptTerms }),
      });
    });
  const acceptedAt = async (id: string) =>
    (await t.db.selectFrom('users').select('termsAcceptedAt').where('id', '=', id).executeTakeFirstOrThrow())
      .termsAcceptedAt;

  it('when required, sign-up without accepting is refused on the acceptTerms field', async () => {
    for (const accept of [undefined, false]) {
      const error = await errorOf(register({ requireTerms: true }, accept));
      expect(error.code).toBe('BAD_REQUEST');
      expect((error.cause as { fieldErrors?: Record<string, string[]> }).fieldErrors?.acceptTerms).toBeDefined();
    }
  });

  it('stores when the terms were accepted; without the requirement, not accepting is fine', async () => {
    const accepted = await register({ requireTerms: true }, true);
    const at = await acceptedAt(accepted.user.id);
    expect(at).toBeInstanceOf(Date);
    expect(Math.abs((at as Date).getTime() - Date.now())).toBeLessThan(60_000);
    const free = await register({ requireTerms: false });
    expect(await acceptedAt(free.user.id)).toBeNull();
    const volunteered = await register({ requireTerms: false }, true);
    expect(await acceptedAt(volunteered.user.id)).toBeInstanceOf(Date);
  });
});

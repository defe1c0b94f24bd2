// The API package's real SMTP server on loopback: the reset link arrives by e-mail, as in production.
import { startSmtpServer } from '@carhub/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/config';
import { startTestServer, type TestServer, waitFor } from './helpers';
import { registerOverRest, restClient } from './rest-client';

const password = 'correct-horse-battery-9';

describe('password reset over REST', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let server: TestServer;
  let rest: ReturnType<typeof restClient>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({
      notifications: {
        ...testConfig().notifications,
        smtpUrl: smtp.url,
        publicUrl: 'https://carhub.test',
        pollIntervalMs: 50,
      },
    });
    rest = restClient(server.url);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  const requestReset = (email: string) => rest('POST', '/auth/password-reset', { email });
  const confirm = (token: string, newPassword: string) =>
    rest('POST', '/auth/password-reset/confirm', { token, newPassword, newPasswordConfirm: newPassword });

  it('answers a known and an unknown address alike; the e-mailed token works once and ends every session', async () => {
    const user = await registerOverRest(rest, 'resetter');
    const { email } = (await rest('GET', '/auth/me', undefined, user.token)).body;
    const other = await rest('POST', '/auth/login', { identifier: email, password });
    expect(other.status).toBe(200);

    const known = await requestReset(email.toUpperCase());
    const unknown = await requestReset('nobody-here@example.com');
    expect(known.status).toBe(200);
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: known.status, body: known.body });
    expect(known.body).toEqual({ ok: true });

    await waitFor(() => smtp.messages.some((m) => m.to.includes(email)), 15_000, 'the reset e-mail');
    const mail = smtp.messages.find((m) => m.to.includes(email));
    const token = /https:\/\/carhub\.test\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail?.decoded ?? '')?.[1];
    expect(token).toBeDefined();
    expect(smtp.messages.some((m) => m.to.includes('nobody-here@example.com'))).toBe(false);

    const newPassword = 'reset-over-rest-pw-7';
    expect(await confirm(token ?? '', newPassword)).toMatchObject({ status: 200, body: { ok: true } });
    for (const session of [user.token, other.body.token]) {
      expect((await rest('GET', '/auth/me', undefined, session)).status).toBe(401);
    }
    expect((await rest('POST', '/auth/login', { identifier: email, password })).status).toBe(401);
    expect((await rest('POST', '/auth/login', { identifier: email, password: newPassword })).status).toBe(200);

    const again = await confirm(token ?? '', 'another-new-password-8');
    expect(again.status).toBe(400);
    expect(again.body.data.fieldErrors.token.join()).toContain('invalid or has expired');
  });

  it('400 for bad input, 429 with Retry-After once an address is asked for too often, known or not', async () => {
    expect((await requestReset('not-an-email')).status).toBe(400);
    expect((await confirm('', 'a-fine-password-9')).status).toBe(400);
    const mismatch = await rest('POST', '/auth/password-reset/confirm', {
      token: 'x'.repeat(43),
      newPassword: 'a-fine-password-9',
      newPasswordConfirm: 'another-password-9',
    });
    expect(mismatch.status).toBe(400);

    const user = await registerOverRest(rest, 'throttled');
    const { email } = (await rest('GET', '/auth/me', undefined, user.token)).body;
    for (const address of [email, 'ghost-of-rest@example.com']) {
      for (let i = 0; i < 5; i += 1) expect((await requestReset(address)).status).toBe(200);
      const limited = await requestReset(address);
      expect({ address, status: limited.status }).toEqual({ address, status: 429 });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body.message).toMatch(/^Too many attempts\. Try again in \d+ seconds\.$/);
    }
  });
});

describe('terms at sign-up over REST (REQUIRE_TERMS=true)', () => {
  let server: TestServer;
  let rest: ReturnType<typeof restClient>;
  beforeAll(async () => {
    server = await startTestServer({ requireTerms: true });
    rest = restClient(server.url);
  });
  afterAll(() => server?.close());

  const register = (username: string, extra: Record<string, unknown>) =>
    rest('POST', '/auth/register', {
      username,
      email: `${username}@example.com`,
      password,
      passwordConfirm: password,
      firstName: 'Terms',
      lastName: 'Reader',
      ...extra,
    });

  it('refuses a sign-up that does not accept the terms, and stores when they were accepted', async () => {
    for (const extra of [{}, { acceptTerms: false }]) {
      const refused = await register('terms_refused', extra);
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.data.fieldErrors)).toEqual(['acceptTerms']);
    }
    // The REST adapter coerces plain booleans ("false" would be true): the strings are refused or read as said.
    for (const acceptTerms of ['yes', 'false', 0]) {
      const reply = await register(`terms_${String(acceptTerms)}`, { acceptTerms });
      expect({ acceptTerms, status: reply.status }).toEqual({ acceptTerms, status: 400 });
    }

    const before = Date.now();
    const accepted = await register('terms_accepted', { acceptTerms: true });
    expect(accepted.status).toBe(200);
    const row = await server.database.db
      .selectFrom('users')
      .select('termsAcceptedAt')
      .where('id', '=', accepted.body.user.id)
      .executeTakeFirstOrThrow();
    expect(row.termsAcceptedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.termsAcceptedAt?.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });
});

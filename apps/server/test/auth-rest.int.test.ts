import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';

const password = 'rest-life-password-1';

interface RestReply {
  status: number;
  headers: Headers;
  body: Record<string, any>;
}

describe('accounts over REST', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function rest(method: string, path: string, body?: unknown, token?: string): Promise<RestReply> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${server.url}/api${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
  }

  const signUp = (username: string) =>
    rest('POST', '/auth/register', {
      username,
      email: `${username}@example.com`,
      password,
      passwordConfirm: password,
      firstName: 'Rest',
      lastName: 'Life',
    });

  it('register -> login (username, e-mail) -> me -> PATCH me -> refresh -> password -> sessions -> logout -> logout-all', async () => {
    const registered = await signUp('rest_life');
    expect(registered.status).toBe(200);
    expect(registered.body.user).toMatchObject({ username: 'rest_life', role: 'client' });
    expect(Date.parse(registered.body.expiresAt)).toBeGreaterThan(Date.now());
    expect(JSON.stringify(registered.body)).not.toMatch(/passwordHash|argon2/);

    const byName = await rest('POST', '/auth/login', { identifier: 'REST_LIFE', password });
    const byEmail = await rest('POST', '/auth/login', { identifier: 'rest_life@example.com', password });
    expect(byName.status).toBe(200);
    expect(byEmail.status).toBe(200);
    const token: string = byName.body.token;

    const me = await rest('GET', '/auth/me', undefined, token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'rest_life', email: 'rest_life@example.com' });

    const patched = await rest('PATCH', '/auth/me', { lastName: 'Patched', phone: '+1 555' }, token);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ lastName: 'Patched', phone: '+1 555' });

    const refreshed = await rest('POST', '/auth/refresh', {}, token);
    expect(refreshed.status).toBe(200);
    expect((await rest('GET', '/auth/me', undefined, token)).status).toBe(401);
    const current: string = refreshed.body.token;

    const newPassword = 'rest-life-password-2';
    const changed = await rest(
      'PUT',
      '/auth/password',
      { oldPassword: password, newPassword, newPasswordConfirm: newPassword },
      current,
    );
    expect(changed.status).toBe(200);
    expect((await rest('GET', '/auth/me', undefined, byEmail.body.token)).status).toBe(401);
    expect((await rest('GET', '/auth/me', undefined, current)).status).toBe(200);

    const other = await rest('POST', '/auth/login', { identifier: 'rest_life', password: newPassword });
    const sessions = await rest('GET', '/auth/sessions', undefined, current);
    expect(sessions.body.items).toHaveLength(2);
    const otherSession = sessions.body.items.find((s: { current: boolean }) => !s.current);
    expect((await rest('DELETE', `/auth/sessions/${otherSession.id}`, undefined, current)).status).toBe(200);
    expect((await rest('GET', '/auth/me', undefined, other.body.token)).status).toBe(401);
    expect((await rest('DELETE', '/auth/sessions/not-a-uuid', undefined, current)).status).toBe(400);

    expect((await rest('POST', '/auth/logout', {}, current)).status).toBe(200);
    expect((await rest('GET', '/auth/me', undefined, current)).status).toBe(401);

    const s1 = await rest('POST', '/auth/login', { identifier: 'rest_life', password: newPassword });
    const s2 = await rest('POST', '/auth/login', { identifier: 'rest_life', password: newPassword });
    expect((await rest('POST', '/auth/logout-all', {}, s1.body.token)).status).toBe(200);
    expect((await rest('GET', '/auth/me', undefined, s2.body.token)).status).toBe(401);
  });

  it('answers bad input field by field with 400 and no stack', async () => {
    const bad = await rest('POST', '/auth/register', {
      username: 'x',
      email: 'nope',
      password: 'short',
      passwordConfirm: 'other',
      firstName: '',
      lastName: 'L',
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.data.fieldErrors;
    expect(fields.username.join()).toContain('3-30 characters');
    expect(fields.email.join()).toContain('valid e-mail');
    expect(fields.passwordConfirm.join()).toContain('do not match');
    expect(fields.firstName.join()).toContain('required');
    expect(JSON.stringify(bad.body)).not.toContain('stack');

    const weak = await rest('POST', '/auth/register', {
      username: 'weak_one',
      email: 'weak@example.com',
      password: 'password1',
      passwordConfirm: 'password1',
      firstName: 'W',
      lastName: 'O',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.data.fieldErrors.password.join()).toContain('too common');
  });

  it('signs up a client whatever the body claims, and refuses taken names with 409', async () => {
    const sneaky = await rest('POST', '/auth/register', {
      username: 'rest_sneaky',
      email: 'rest_sneaky@example.com',
      password,
      passwordConfirm: password,
      firstName: 'S',
      lastName: 'N',
      role: 'admin',
    });
    expect(sneaky.body.user.role).toBe('client');
    const taken = await signUp('REST_SNEAKY');
    expect(taken.status).toBe(409);
    expect(taken.body.message).toBe('That username is taken.');
  });

  it('gives a wrong password and an unknown user the same 401 body; throttles with 429 and Retry-After', async () => {
    await signUp('rest_guess');
    const wrong = await rest('POST', '/auth/login', { identifier: 'rest_guess', password: 'not-the-password' });
    const unknown = await rest('POST', '/auth/login', { identifier: 'rest_nobody', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);

    for (let i = 0; i < 9; i++)
      await rest('POST', '/auth/login', { identifier: 'rest_guess', password: `x-${i}-guess` });
    const limited = await rest('POST', '/auth/login', { identifier: 'rest_guess', password });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers 401 without a token on a signed-in route', async () => {
    expect((await rest('GET', '/auth/me')).status).toBe(401);
    expect((await rest('GET', '/auth/me', undefined, 'not-a-real-token')).status).toBe(401);
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';
import { registerOverRest, restClient } from './rest-client';

/**
 * Property: whatever JSON, nesting, cookies and headers arrive, a sample of procedures over
 * REST and tRPC never answers 5xx. The limiter is off and every request comes from a random
 * (trusted) address, so no throttle answers before the input is read.
 */
let server: TestServer;
let token: string;
let sent = 0;
const fivexx: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ logLevel: 'silent', trustProxy: true, apiRateLimitPerMinute: 0 });
  const staff = await registerOverRest(restClient(server.url), 'propstaff');
  await server.database.db.updateTable('users').set({ role: 'staff' }).where('id', '=', staff.id).execute();
  token = staff.token;
}, 60_000);
afterAll(async () => {
  console.log(`property test: ${sent} malformed requests sent, ${fivexx.length} answered 5xx`);
  await server.close();
});

const targets = [
  { method: 'POST', path: '/api/auth/login' },
  { method: 'POST', path: '/api/auth/register' },
  { method: 'POST', path: '/api/bookings', auth: true },
  { method: 'POST', path: '/api/inventory', auth: true },
  { method: 'PATCH', path: '/api/inventory/00000000-0000-4000-8000-000000000000', auth: true },
  { method: 'POST', path: '/trpc/auth.login', trpc: true },
  { method: 'POST', path: '/trpc/bookings.create', trpc: true, auth: true },
  { method: 'POST', path: '/trpc/inventory.update', trpc: true, auth: true },
  { method: 'GET', path: '/trpc/inventory.list', trpc: true },
  { method: 'GET', path: '/trpc/inventory.slots', trpc: true },
] as const;

const headerText = fc.string({
  unit: fc.constantFrom(...'abcXYZ019 %;=,"\\/:.-_@!*()[]{}<>?'.split('')),
  maxLength: 60,
});
const cookie = fc
  .array(fc.tuple(headerText, headerText), { maxLength: 5 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('; '));
const deepText = fc
  .tuple(fc.integer({ min: 1, max: 6000 }), fc.constantFrom('[', '{"a":'), fc.boolean())
  .map(([n, open, closed]) => open.repeat(n) + (closed ? (open === '[' ? ']' : '1}').repeat(n) : ''));
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ json: v })),
  deepText,
  fc.string({ maxLength: 200 }),
);
const ip = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `10.${a}.${b}.${c}`);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=zz',
  'application/octet-stream',
);

async function send(target: (typeof targets)[number], text: string, headers: Record<string, string>) {
  const isGet = target.method === 'GET';
  const url = `${server.url}${target.path}${isGet ? `?input=${encodeURIComponent(text)}` : ''}`;
  const all = { ...headers, ...('auth' in target && target.auth ? { authorization: `Bearer ${token}` } : {}) };
  let status = 0;
  try {
    const res = await fetch(url, { method: target.method, headers: all, body: isGet ? null : text });
    await res.arrayBuffer();
    status = res.status;
  } catch {
    // A header the client itself refuses to send is not a server answer.
    return true;
  }
  sent += 1;
  if (status >= 500) fivexx.push(`${status} ${target.method} ${target.path} ${text.slice(0, 80)}`);
  return status < 500;
}

describe('hostile input, property-based', () => {
  it('random JSON, deep nesting, odd cookies and headers: never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        body,
        cookie,
        contentType,
        ip,
        headerText,
        async (target, text, cookies, type, from, odd) =>
          send(target, text, {
            'content-type': type,
            cookie: cookies,
            'x-forwarded-for': from,
            'accept-language': odd,
            'x-odd': odd,
          }),
      ),
      { numRuns: 400 },
    );
    expect(fivexx).toEqual([]);
  }, 300_000);

  it('the server is still ready', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});

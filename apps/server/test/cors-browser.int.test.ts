import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';
import { registerOverRest, restClient } from './rest-client';

/**
 * CORS as a browser enforces it: Debian's Chromium loads a page from an origin listed in
 * CORS_ORIGINS and one that is not, and each tries a PATCH and a DELETE (both preflighted:
 * non-simple methods with an authorization header) against the API on its own origin.
 */
const CHROMIUM = '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function pageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>another site</title><p>calls the carhub API</p>');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    }),
  );
}

let allowed: { server: Server; origin: string };
let other: { server: Server; origin: string };
let api: TestServer;
let browser: Browser;

beforeAll(async () => {
  allowed = await pageServer();
  other = await pageServer();
  api = await startTestServer({ logLevel: 'silent', corsOrigins: [allowed.origin] });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
  allowed?.server.close();
  other?.server.close();
});

interface Attempt {
  patch: number | string;
  remove: number | string;
}

/** From a page on `origin`: PATCH a car and DELETE a session, answering each status or "blocked". */
async function attemptFrom(
  origin: string,
  input: { token: string; carId: string; sessionId: string },
): Promise<Attempt> {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/`);
    return await page.evaluate(
      async ({ base, token, carId, sessionId }) => {
        const send = async (method: string, path: string, body?: unknown) => {
          try {
            const res = await fetch(`${base}/api${path}`, {
              method,
              credentials: 'include',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: body === undefined ? null : JSON.stringify(body),
            });
            await res.text();
            return res.status;
          } catch {
            return 'blocked';
          }
        };
        return {
          patch: await send('PATCH', `/cars/${carId}`, { color: 'Racing green' }),
          remove: await send('DELETE', `/auth/sessions/${sessionId}`),
        };
      },
      { base: api.url, ...input },
    );
  } finally {
    await page.close();
  }
}

async function setUp() {
  const rest = restClient(api.url);
  const owner = await registerOverRest(rest, 'corsowner');
  const car = await rest('POST', '/cars', { make: 'Saab', model: '900', year: 1991, color: 'Grey' }, owner.token);
  const me = await rest('GET', '/auth/me', undefined, owner.token);
  const second = await rest('POST', '/auth/login', {
    identifier: me.body.username,
    password: 'correct-horse-battery-9',
  });
  const sessions = await rest('GET', '/auth/sessions', undefined, owner.token);
  const target = sessions.body.items.find((s: { current: boolean }) => !s.current);
  expect(second.status).toBe(200);
  expect(target).toBeDefined();
  return { rest, owner, carId: car.body.id as string, sessionId: target.id as string, secondToken: second.body.token };
}

describe('CORS in Chromium', () => {
  it('lets a page on a listed origin PATCH a car and DELETE a session', async () => {
    const { rest, owner, carId, sessionId, secondToken } = await setUp();
    const result = await attemptFrom(allowed.origin, { token: owner.token, carId, sessionId });
    expect(result).toEqual({ patch: 200, remove: 200 });
    expect((await rest('GET', `/cars/${carId}`, undefined, owner.token)).body.color).toBe('Racing green');
    expect((await rest('GET', '/auth/me', undefined, secondToken)).status).toBe(401);
  });

  it('blocks a page on an origin not listed, and nothing changes', async () => {
    const { rest, owner, carId, sessionId, secondToken } = await setUp();
    const result = await attemptFrom(other.origin, { token: owner.token, carId, sessionId });
    expect(result).toEqual({ patch: 'blocked', remove: 'blocked' });
    expect((await rest('GET', `/cars/${carId}`, undefined, owner.token)).body.color).toBe('Grey');
    expect((await rest('GET', '/auth/me', undefined, secondToken)).status).toBe(200);
  });

  it('answers the preflight of a listed origin with every method and header, and others with no CORS headers', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/api/cars/x`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization,content-type,idempotency-key,x-request-id',
        },
      });
    const yes = await preflight(allowed.origin);
    expect(yes.headers.get('access-control-allow-origin')).toBe(allowed.origin);
    expect(yes.headers.get('access-control-allow-credentials')).toBe('true');
    const methods = (yes.headers.get('access-control-allow-methods') ?? '').split(',').map((m) => m.trim());
    expect(methods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']));
    const headers = (yes.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const name of ['authorization', 'content-type', 'idempotency-key', 'x-request-id'])
      expect(headers).toContain(name);
    const no = await preflight(other.origin);
    const corsHeaders = [...no.headers.keys()].filter((name) => name.startsWith('access-control-'));
    expect(corsHeaders).toEqual([]);
  });
});

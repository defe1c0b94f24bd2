import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from '../src/context';
import { appRouter, createCaller } from '../src/root';
import { callerFor, setRole, signUp } from './helpers';

/**
 * Every procedure of the router against three API keys of an admin (so role gates never decide):
 * read-only (`*:read`), a write key of another area, and a full key. The scope rule, written out
 * here independently of the implementation: queries need `<area>:read`, mutations `<area>:write`,
 * `health` needs nothing; keys, sessions and the password are never a key's to touch.
 */
const SESSION_ONLY = new Set([
  'apiKeys.list',
  'apiKeys.create',
  'apiKeys.revoke',
  'admin.apiKeys.list',
  'admin.apiKeys.revoke',
  'auth.sessions',
  'auth.revokeSession',
  'auth.logout',
  'auth.logoutAll',
  'auth.refresh',
  'auth.changePassword',
]);
const AREAS = ['auth', 'cars', 'inventory', 'bookings', 'sales', 'staff', 'notifications', 'admin'];

type Outcome = 'scope' | 'session-only' | 'passed';

let t: TestDatabase;
const keys: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestDatabase();
  const admin = await signUp(t.db);
  await setRole(t.db, admin.user.id, 'admin');
  const make = async (name: string, scopes: string[]) =>
    (await admin.caller.apiKeys.create({ name, scopes: scopes as never })).key;
  keys.read = await make('read', ['*:read']);
  keys.full = await make('full', ['*:read', '*:write']);
  for (const area of AREAS) keys[`write:${area}`] = await make(`write ${area}`, [`${area}:write`, `${area}:read`]);
});
afterAll(() => t.destroy());

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
).map(([path, procedure]) => ({ path, type: procedure._def.type as 'query' | 'mutation' }));

/** Calls the procedure with an empty input: the caller checks run before input parsing, so nothing is changed. */
async function outcomeOf(apiKey: string, path: string): Promise<Outcome> {
  // A fresh context per call (a request each), with a limit no matrix reaches.
  const caller = createCaller(await createContextInner({ db: t.db, apiKey, settings: { apiKeyRateLimit: 100_000 } }));
  const fn = path.split('.').reduce<unknown>((node, segment) => (node as Record<string, unknown>)[segment], caller);
  try {
    await (fn as (input: unknown) => Promise<unknown>)({});
    return 'passed';
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    const e = error as TRPCError;
    if (e.code === 'UNAUTHORIZED') throw new Error(`${path}: the key was refused as a credential`);
    if (e.code === 'FORBIDDEN' && /lacks the scope/.test(e.message)) return 'scope';
    if (e.code === 'FORBIDDEN' && /API key cannot/.test(e.message)) return 'session-only';
    return 'passed';
  }
}

function areaOf(path: string): string {
  return path.split('.')[0] ?? '';
}

describe('authorization matrix over every procedure', () => {
  it('enumerates the whole router, the session-only procedures included', () => {
    const paths = procedures.map((p) => p.path);
    expect(paths.length).toBeGreaterThan(60);
    for (const path of SESSION_ONLY) expect(paths).toContain(path);
    for (const { path } of procedures) expect([...AREAS, 'health', 'apiKeys']).toContain(areaOf(path));
  });

  it('a read-only key: queries pass the scope check, every mutation is refused', async () => {
    for (const { path, type } of procedures) {
      const expected: Outcome =
        areaOf(path) === 'health'
          ? 'passed'
          : type === 'mutation' || areaOf(path) === 'apiKeys'
            ? 'scope'
            : SESSION_ONLY.has(path)
              ? 'session-only'
              : 'passed';
      expect(await outcomeOf(keys.read ?? '', path), `${path} (${type})`).toBe(expected);
    }
  });

  it('a key of another area is refused everywhere but health', async () => {
    for (const { path, type } of procedures) {
      const other = AREAS.find((area) => area !== areaOf(path)) ?? 'cars';
      const expected: Outcome = areaOf(path) === 'health' ? 'passed' : 'scope';
      expect(await outcomeOf(keys[`write:${other}`] ?? '', path), `${path} (${type}) with ${other}`).toBe(expected);
    }
  });

  it("a key of the procedure's own area and a full key pass, except where only a session may", async () => {
    for (const { path, type } of procedures) {
      const area = areaOf(path);
      const expected: Outcome = area === 'apiKeys' ? 'scope' : SESSION_ONLY.has(path) ? 'session-only' : 'passed';
      expect(await outcomeOf(keys.full ?? '', path), `${path} (${type}) full`).toBe(expected);
      if (AREAS.includes(area)) {
        expect(await outcomeOf(keys[`write:${area}`] ?? '', path), `${path} (${type}) own area`).toBe(expected);
      }
    }
  });

  it('a session is never refused by the scope check', async () => {
    const user = await signUp(t.db);
    const caller = await callerFor(t.db, { token: user.token });
    await expect(caller.inventory.list({})).resolves.toHaveProperty('items');
  });
});

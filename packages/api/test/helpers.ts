import type { Database } from '@carhub/db';
import { type ContextInput, createContextInner } from '../src/context';
import { createCaller } from '../src/root';
import type { ApiSettings } from '../src/settings';

export const strongPassword = 'correct-horse-battery-9';

/** A caller as a client would be: over the real router and a real database, no HTTP. */
export async function callerFor(db: Database, input: Omit<ContextInput, 'db'> = {}) {
  return createCaller(await createContextInner({ db, ip: '203.0.113.7', userAgent: 'vitest', ...input }));
}

let counter = 0;
/** Registers a fresh client and returns its token and a caller signed in with it. */
export async function signUp(
  db: Database,
  overrides: Partial<{ username: string; email: string; password: string }> = {},
) {
  counter += 1;
  const username = overrides.username ?? `user${counter}_${Math.random().toString(36).slice(2, 8)}`;
  const password = overrides.password ?? strongPassword;
  // Each sign-up from an address of its own (the benchmarking range 198.18.0.0/15): a file
  // signs up far more accounts than the per-IP sign-up limit allows one address, and that
  // limit has its own tests over HTTP.
  const anonymous = await callerFor(db, { ip: signUpAddress(counter) });
  const result = await anonymous.auth.register({
    username,
    email: overrides.email ?? `${username}@example.com`,
    password,
    passwordConfirm: password,
    firstName: 'Test',
    lastName: 'User',
  });
  return { ...result, password, caller: await callerFor(db, { token: result.token }) };
}

/** The address `signUp` registers the n-th account from. */
export function signUpAddress(n: number): string {
  return `198.18.${Math.floor(n / 250) % 256}.${(n % 250) + 1}`;
}

/** Sets a user's role directly (admin procedures arrive with their own issue). */
export async function setRole(db: Database, userId: string, role: 'client' | 'staff' | 'admin') {
  await db.updateTable('users').set({ role }).where('id', '=', userId).execute();
}

/**
 * A signed-in user with a role, its caller's context carrying the given settings (a test clock
 * and showroom zone, a commission default, webhook targets). The role is read per request.
 */
export async function userWithRole(
  db: Database,
  role: 'client' | 'staff' | 'admin',
  settings: Partial<ApiSettings> = {},
) {
  const user = await signUp(db);
  if (role !== 'client') await setRole(db, user.user.id, role);
  return { id: user.user.id, token: user.token, caller: await callerFor(db, { token: user.token, settings }) };
}

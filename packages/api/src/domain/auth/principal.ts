import type { UserRole } from '@carhub/db';
import type { Auth, SessionAuth } from '../../context';
import { AppError } from '../../errors';

/**
 * The principal: who is asking. Every rule takes a `Viewer` (an id and a role), whatever way the
 * caller signed in (session or API key); `null` where a procedure also answers anonymous callers.
 */
export interface Viewer {
  id: string;
  role: UserRole;
}

/** The roles that work for the dealership: staff, and admins, who may do all staff may. */
export const staffRoles = ['staff', 'admin'] as const satisfies readonly UserRole[];

export function isStaff(viewer: Viewer | null): boolean {
  return viewer !== null && (staffRoles as readonly UserRole[]).includes(viewer.role);
}

/**
 * The coarse role gates, said once: the base procedures (trpc.ts) use them, and so do plain
 * routes (CSV export) that answer outside tRPC, so both refuse alike: 401 anonymous, 403 wrong role.
 */
export function requireSignedIn(auth: Auth | null): Auth {
  if (!auth) throw new AppError('UNAUTHORIZED', 'Sign in to do this.');
  return auth;
}

export function requireStaff(auth: Auth | null): Auth {
  const signedIn = requireSignedIn(auth);
  if (!isStaff(signedIn.user)) {
    throw new AppError('FORBIDDEN', 'Only staff can do this.');
  }
  return signedIn;
}

export function requireAdmin(auth: Auth | null): Auth {
  const signedIn = requireSignedIn(auth);
  if (signedIn.user.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin can do this.');
  return signedIn;
}

/**
 * Signed in with a session, not an API key: managing keys and sessions and changing the
 * password need the person, so a leaked key can't lock its owner out or mint more keys.
 */
export function requireSession(auth: Auth | null): SessionAuth {
  const signedIn = requireSignedIn(auth);
  if (signedIn.apiKey) {
    throw new AppError('FORBIDDEN', 'An API key cannot do this: sign in with a session (username and password).');
  }
  return signedIn;
}

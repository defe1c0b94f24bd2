import type { Auth } from '../context';
import { AppError } from '../errors';

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
  if (signedIn.user.role !== 'staff' && signedIn.user.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Only staff can do this.');
  }
  return signedIn;
}

export function requireAdmin(auth: Auth | null): Auth {
  const signedIn = requireSignedIn(auth);
  if (signedIn.user.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin can do this.');
  return signedIn;
}

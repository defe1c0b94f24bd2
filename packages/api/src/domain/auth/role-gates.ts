import type { Auth, SessionAuth } from '../../context';
import { AppError } from '../../errors';

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

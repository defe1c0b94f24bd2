import type { AnyProcedure } from '@trpc/server';
import type { Auth } from './context';
import { requireAdmin, requireSignedIn, requireStaff } from './domain/auth/principal';
import { adminProcedure, authedProcedure, sessionProcedure, staffProcedure } from './trpc';

/** Who may call a procedure, read from the base procedure it was built on (trpc.ts). */
export type ProcedureAccess = 'public' | 'signedIn' | 'staff' | 'admin';

type Middlewares = readonly unknown[];

function middlewaresOf(procedure: { _def: object }): Middlewares {
  return (procedure._def as { middlewares?: Middlewares }).middlewares ?? [];
}

// Each base procedure adds its gate as its last middleware; a procedure built on it carries
// that same function, so the gate can't drift from what the document and the REST layer say.
const gates: Array<[Exclude<ProcedureAccess, 'public'>, unknown]> = [
  ['admin', middlewaresOf(adminProcedure).at(-1)],
  ['staff', middlewaresOf(staffProcedure).at(-1)],
  ['signedIn', middlewaresOf(authedProcedure).at(-1)],
  // Signed in with a session rather than an API key: still "signed in" to the document and the REST gate.
  ['signedIn', middlewaresOf(sessionProcedure).at(-1)],
];

export function procedureAccess(procedure: AnyProcedure): ProcedureAccess {
  const middlewares = middlewaresOf(procedure);
  for (const [access, gate] of gates) if (middlewares.includes(gate)) return access;
  return 'public';
}

/** The gate itself, for callers that answer before the procedure runs: throws the 401/403 AppError. */
export function assertAccess(access: ProcedureAccess, auth: Auth | null): void {
  if (access === 'signedIn') requireSignedIn(auth);
  else if (access === 'staff') requireStaff(auth);
  else if (access === 'admin') requireAdmin(auth);
}

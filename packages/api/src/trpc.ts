import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Auth, Context } from './context';
import { assertCallerMay } from './domain/api-keys/scopes';
import { requireAdmin, requireSession, requireSignedIn, requireStaff } from './domain/auth/principal';
import {
  checkIdempotencyKey,
  claimIdempotencyKey,
  inputFingerprint,
  isIdempotent,
  principalOf,
  recordResponse,
  sharedTransaction,
} from './domain/idempotency/idempotency';
import { AppError, appErrorOf, assertNoNulCharacters, knownFailure, toTRPCError, zodFieldErrors } from './errors';
import type { OpenApiMeta } from './openapi-meta';
import { transformer } from './transformer';

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    transformer,
    errorFormatter({ shape, error }) {
      const appError = appErrorOf(error);
      const fieldErrors =
        error.cause instanceof ZodError ? zodFieldErrors(error.cause) : (appError?.fieldErrors ?? null);
      const { stack: _stack, ...data } = shape.data;
      return {
        ...shape,
        // An unexpected error's message may hold SQL or internals: the client gets none of it.
        message: error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : shape.message,
        data: {
          ...data,
          fieldErrors,
          ...(appError?.retryAfter !== undefined ? { retryAfter: appError.retryAfter } : {}),
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** The AppError a failure stands for, if any: a domain error, a deadlock, a database away. */
function appFailureOf(error: unknown): AppError | undefined {
  const cause = error instanceof TRPCError ? error.cause : error;
  return cause instanceof AppError ? cause : knownFailure(cause);
}

/**
 * Every procedure starts here, in one middleware (each middleware is a step tRPC runs and a
 * context it merges, on every call):
 * - an input carrying a NUL character is refused (400) before any query sees it;
 * - the caller is checked: a request the context refused (a bad API key, one past its rate
 *   limit) stops here; an API key needs the scope of the procedure's area (`<area>:read` for
 *   queries, `<area>:write` for mutations);
 * - the role gate narrows `ctx.auth` (after the key's scope, so a key never does more than its
 *   user may);
 * - Idempotency-Key on creates (meta `idempotent`): the key's record is claimed and written in
 *   one transaction with everything the create writes (its own transactions join this one), so
 *   both commit or neither does. A replay answers the stored result without running anything;
 * - domain errors (AppError) become their tRPC codes in this one place, a deadlock or
 *   serialization failure a 409 to retry instead of a 500, and a database that is away or timed
 *   out a 503 with Retry-After.
 */
function gatedProcedure<A extends Auth | null>(gate: (auth: Auth | null) => A) {
  return t.procedure.use(async ({ ctx, meta, path, type, getRawInput, next }) => {
    let result: Awaited<ReturnType<typeof next<{ auth: A }>>>;
    try {
      const rawInput = await getRawInput();
      assertNoNulCharacters(rawInput);
      assertCallerMay(ctx, path, type);
      const auth = gate(ctx.auth);
      if (!isIdempotent(meta) || ctx.idempotencyKey === null || !auth) {
        result = await next({ ctx: { auth } });
      } else {
        const claim = {
          principal: principalOf(auth),
          key: checkIdempotencyKey(ctx.idempotencyKey),
          path,
          inputHash: await inputFingerprint(path, rawInput),
        };
        result = await ctx.db.transaction().execute(async (trx) => {
          const prior = await claimIdempotencyKey(trx, claim);
          if (prior) return { ok: true, data: prior.body, ctx } as unknown as typeof result;
          const created = await next({ ctx: { auth, db: sharedTransaction(trx) } });
          // A failed create rolls back with its key: a retry runs it again.
          if (!created.ok) throw created.error;
          await recordResponse(trx, { ...claim, userId: auth.user.id }, created.data);
          return created;
        });
      }
    } catch (error) {
      const appError = appFailureOf(error);
      if (appError) throw toTRPCError(appError);
      throw error;
    }
    if (result.ok) return result;
    const appError = appFailureOf(result.error);
    return appError ? { ...result, error: toTRPCError(appError) } : result;
  });
}

export const publicProcedure = gatedProcedure((auth) => auth);

/** Signed in: narrows the context so resolvers read `ctx.auth` without checking it. */
export const authedProcedure = gatedProcedure(requireSignedIn);

/** Staff or admin. */
export const staffProcedure = gatedProcedure(requireStaff);

export const adminProcedure = gatedProcedure(requireAdmin);

/** Signed in with a session, never an API key: keys, sessions and the password. */
export const sessionProcedure = gatedProcedure(requireSession);

export { TRPCError };

/** An admin signed in with a session: managing every user's API keys. */
export const adminSessionProcedure = gatedProcedure((auth) => requireSession(requireAdmin(auth)));

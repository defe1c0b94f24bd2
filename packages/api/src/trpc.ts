import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Context } from './context';
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

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    transformer: superjson,
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

/**
 * Every procedure starts here: an input carrying a NUL character is refused (400) before any
 * query sees it, domain errors (AppError) become their tRPC codes in this one place, and a
 * deadlock or serialization failure a 409 to retry instead of a 500, and a database that is
 * away or timed out a 503 with Retry-After.
 */
const guardedProcedure = t.procedure.use(async ({ getRawInput, next }) => {
  try {
    assertNoNulCharacters(await getRawInput());
  } catch (error) {
    if (error instanceof AppError) throw toTRPCError(error);
    throw error;
  }
  const result = await next();
  if (result.ok) return result;
  const appError = result.error.cause instanceof AppError ? result.error.cause : knownFailure(result.error.cause);
  return appError ? { ...result, error: toTRPCError(appError) } : result;
});

const baseProcedure = guardedProcedure
  /**
   * The caller, checked once for every procedure: a request the context refused (a bad API key,
   * one past its rate limit) stops here; an API key needs the scope of the procedure's area
   * (`<area>:read` for queries, `<area>:write` for mutations). Role gates follow, so a key never
   * does more than its user may.
   */
  .use(({ ctx, path, type, next }) => {
    assertCallerMay(ctx, path, type);
    return next();
  })
  /**
   * Idempotency-Key on creates (meta `idempotent`): the key's record is claimed and written in
   * one transaction with everything the create writes (its own transactions join this one), so
   * both commit or neither does. A replay answers the stored result without running anything.
   */
  .use(async ({ ctx, meta, path, getRawInput, next }) => {
    if (!isIdempotent(meta) || ctx.idempotencyKey === null || !ctx.auth) return next();
    const auth = ctx.auth;
    const claim = {
      principal: principalOf(auth),
      key: checkIdempotencyKey(ctx.idempotencyKey),
      path,
      inputHash: await inputFingerprint(path, await getRawInput()),
    };
    return ctx.db.transaction().execute(async (trx) => {
      const prior = await claimIdempotencyKey(trx, claim);
      if (prior) return { ok: true, data: prior.body, ctx } as unknown as Awaited<ReturnType<typeof next>>;
      const result = await next({ ctx: { db: sharedTransaction(trx) } });
      // A failed create rolls back with its key: a retry runs it again.
      if (!result.ok) throw result.error;
      await recordResponse(trx, { ...claim, userId: auth.user.id }, result.data);
      return result;
    });
  });

export const publicProcedure = baseProcedure;

/** Signed in: narrows the context so resolvers read `ctx.auth` without checking it. */
export const authedProcedure = baseProcedure.use(({ ctx, next }) => next({ ctx: { auth: requireSignedIn(ctx.auth) } }));

/** Staff or admin. */
export const staffProcedure = baseProcedure.use(({ ctx, next }) => next({ ctx: { auth: requireStaff(ctx.auth) } }));

export const adminProcedure = baseProcedure.use(({ ctx, next }) => next({ ctx: { auth: requireAdmin(ctx.auth) } }));

/** Signed in with a session, never an API key: keys, sessions and the password. */
export const sessionProcedure = baseProcedure.use(({ ctx, next }) => next({ ctx: { auth: requireSession(ctx.auth) } }));

export { TRPCError };

/** An admin signed in with a session: managing every user's API keys. */
export const adminSessionProcedure = adminProcedure.use(({ ctx, next }) =>
  next({ ctx: { auth: requireSession(ctx.auth) } }),
);

import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { requireAdmin, requireSignedIn, requireStaff } from './auth/role-gates';
import type { Context } from './context';
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
const baseProcedure = t.procedure.use(async ({ getRawInput, next }) => {
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

export const publicProcedure = baseProcedure;

/** Signed in: narrows the context so resolvers read `ctx.auth` without checking it. */
export const authedProcedure = baseProcedure.use(({ ctx, next }) =>
  next({ ctx: { ...ctx, auth: requireSignedIn(ctx.auth) } }),
);

/** Staff or admin. */
export const staffProcedure = baseProcedure.use(({ ctx, next }) =>
  next({ ctx: { ...ctx, auth: requireStaff(ctx.auth) } }),
);

export const adminProcedure = baseProcedure.use(({ ctx, next }) =>
  next({ ctx: { ...ctx, auth: requireAdmin(ctx.auth) } }),
);

export { TRPCError };

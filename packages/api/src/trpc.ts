import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Context } from './context';
import { AppError, appErrorOf, toTRPCError } from './errors';
import type { OpenApiMeta } from './openapi-meta';

/** Per-field messages from zod, keyed by the dotted path of the field (`''` for the whole input). */
function zodFieldErrors(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.');
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

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

/** Every procedure starts here: domain errors (AppError) become their tRPC codes in this one place. */
const baseProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    return { ...result, error: toTRPCError(result.error.cause) };
  }
  return result;
});

export const publicProcedure = baseProcedure;

/** Signed in: narrows the context so resolvers read `ctx.auth` without checking it. */
export const authedProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new AppError('UNAUTHORIZED', 'Sign in to do this.');
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

/** Staff or admin. */
export const staffProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.auth.user.role !== 'staff' && ctx.auth.user.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Only staff can do this.');
  }
  return next();
});

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.auth.user.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin can do this.');
  return next();
});

export { TRPCError };

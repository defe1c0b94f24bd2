import { authRouter } from './routers/auth/router';
import { healthRouter } from './routers/health/router';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  health: healthRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures without HTTP: for tests, scripts and plain routes. */
export const createCaller = createCallerFactory(appRouter);

import { adminRouter } from './routers/admin/router';
import { authRouter } from './routers/auth/router';
import { healthRouter } from './routers/health/router';
import { notificationsRouter } from './routers/notifications/router';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  health: healthRouter,
  notifications: notificationsRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures without HTTP: for tests, scripts and plain routes. */
export const createCaller = createCallerFactory(appRouter);

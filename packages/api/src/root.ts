import { adminRouter } from './routers/admin/router';
import { apiKeysRouter } from './routers/api-keys/router';
import { authRouter } from './routers/auth/router';
import { bookingsRouter } from './routers/bookings/router';
import { carsRouter } from './routers/cars/router';
import { healthRouter } from './routers/health/router';
import { inventoryRouter } from './routers/inventory/router';
import { notificationsRouter } from './routers/notifications/router';
import { salesRouter } from './routers/sales/router';
import { staffRouter } from './routers/staff/router';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  health: healthRouter,
  cars: carsRouter,
  inventory: inventoryRouter,
  bookings: bookingsRouter,
  notifications: notificationsRouter,
  admin: adminRouter,
  staff: staffRouter,
  sales: salesRouter,
  apiKeys: apiKeysRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures without HTTP: for tests, scripts and plain routes. */
export const createCaller = createCallerFactory(appRouter);

import { type AnyRoute, createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { AuditPage } from './audit-page';
import { BookingsQueuePage } from './bookings-queue-page';
import { DashboardPage } from './dashboard-page';
import { SalesPage } from './sales-page';
import { ShowroomPage } from './showroom-page';
import { StaffPage } from './staff-page';
import { StockPage } from './stock-page';
import { UsersPage } from './users-page';
import { WebhooksPage } from './webhooks-page';

/** `?new=true` opens the page's create form (the dashboard's quick actions). */
const newSearch = z.object({ new: z.boolean().optional().catch(undefined) });

/** The showroom desk's URLs under /admin, for the root route. */
export function adminRoutes<P extends AnyRoute>(parent: P) {
  const child = { getParentRoute: () => parent } as const;
  const stockRoute = createRoute({
    ...child,
    path: '/admin/stock',
    validateSearch: newSearch,
    component: function Stock() {
      const search = stockRoute.useSearch() as z.infer<typeof newSearch>;
      return <StockPage startWithNew={search.new === true} />;
    },
  });
  const salesRoute = createRoute({
    ...child,
    path: '/admin/sales',
    validateSearch: newSearch,
    component: function Sales() {
      const search = salesRoute.useSearch() as z.infer<typeof newSearch>;
      return <SalesPage startWithNew={search.new === true} />;
    },
  });
  return [
    createRoute({ ...child, path: '/admin', component: DashboardPage }),
    createRoute({ ...child, path: '/admin/bookings', component: BookingsQueuePage }),
    stockRoute,
    salesRoute,
    createRoute({ ...child, path: '/admin/staff', component: StaffPage }),
    createRoute({ ...child, path: '/admin/users', component: UsersPage }),
    createRoute({ ...child, path: '/admin/audit', component: AuditPage }),
    createRoute({ ...child, path: '/admin/webhooks', component: WebhooksPage }),
    createRoute({ ...child, path: '/admin/showroom', component: ShowroomPage }),
  ] as const;
}

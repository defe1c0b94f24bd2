import { dashboardDrives, dashboardFigures } from '../../domain/dashboard/dashboard-queries';
import { dashboardWindow } from '../../domain/dashboard/dashboard-window';
import { loadShowroom } from '../../domain/showroom/queries';
import { errorResponses } from '../../openapi-meta';
import { staffProcedure } from '../../trpc';
import { dashboardInput, dashboardOutput } from './dashboard.schema';

export const dashboard = staffProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/admin/dashboard',
      tags: ['admin'],
      summary: "The showroom desk's figures: pending requests, today's and tomorrow's drives, stock, sales",
      protect: true,
      errorResponses: errorResponses(401, 403),
    },
  })
  .input(dashboardInput)
  .output(dashboardOutput)
  .query(async ({ ctx }) => {
    const { timeZone } = await loadShowroom(ctx.db, ctx.settings.showroomTimeZone);
    const window = dashboardWindow(ctx.settings.now(), timeZone);
    const figures = await dashboardFigures(ctx.db, ctx.auth.user.id, window);
    const drives = await dashboardDrives(ctx.db, window);
    return {
      timeZone,
      today: window.today,
      tomorrow: window.tomorrow,
      pending: { count: figures.pendingCount, items: drives.pending },
      drivesToday: { count: figures.todayCount, items: drives.today },
      drivesTomorrow: { count: figures.tomorrowCount, items: drives.tomorrow },
      stock: figures.stock,
      sales: figures.sales,
      myCommissionThisMonth: figures.commissionThisMonth,
      myCommissionRate: figures.commissionRate ?? ctx.settings.defaultCommissionRate,
    };
  });

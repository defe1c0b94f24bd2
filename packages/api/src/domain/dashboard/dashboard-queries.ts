import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import type { BookingStatus } from '../bookings/status-rules';
import type { DashboardWindow } from './dashboard-window';

/** Test drives listed per day or queue; the counts beside them are exact. */
export const DASHBOARD_LIST_LIMIT = 50;

export interface DashboardDrive {
  id: string;
  carId: string;
  customerId: string | null;
  customerName: string | null;
  status: BookingStatus;
  startAt: Date;
  endAt: Date;
  car: { make: string; model: string; year: number; licensePlate: string | null };
}

export interface DashboardFigures {
  pendingCount: number;
  todayCount: number;
  tomorrowCount: number;
  stock: { available: number; reserved: number; sold: number; removed: number };
  sales: { thisMonth: { count: number; revenue: string }; lastMonth: { count: number; revenue: string } };
  commissionThisMonth: string;
  /** The caller's own rate, null when none is set (a sale then uses the default rate). */
  commissionRate: string | null;
}

// Drives on the day's agenda: what is still to happen or what happened, never a refused or
// cancelled one.
const AGENDA = sql.join(['pending', 'approved', 'completed', 'no_show'].map((status) => sql.lit(status)));

/**
 * Every figure in one statement, each a scalar subquery on an index: pending requests on the
 * partial pending-test-drive index, the days on bookings (start_at, id), stock by status on
 * the partial stock-status index, the months on sales (sold_at, id) and the caller's
 * commission on sales (staff_id, sold_at, id).
 */
export async function dashboardFigures(db: Database, staffId: string, w: DashboardWindow): Promise<DashboardFigures> {
  const drivesBetween = (from: Date, to: Date) => sql<string>`(select count(*) from bookings
      where kind = 'test_drive' and status in (${AGENDA}) and start_at >= ${from} and start_at < ${to})`;
  const salesSince = (from: Date, to: Date | null) => sql<{ count: number; revenue: string }>`(select json_build_object(
      'count', count(*), 'revenue', coalesce(sum(price), 0)::numeric(20, 2)::text)
      from sales where sold_at >= ${from} ${to ? sql`and sold_at < ${to}` : sql``})`;
  const { rows } = await sql<{
    pending: string;
    today: string;
    tomorrow: string;
    stock: Record<string, string | number>;
    thisMonth: { count: number; revenue: string };
    lastMonth: { count: number; revenue: string };
    commission: string;
    rate: string | null;
  }>`select
      (select count(*) from bookings where kind = 'test_drive' and status = 'pending') as pending,
      ${drivesBetween(w.todayStart, w.tomorrowStart)} as today,
      ${drivesBetween(w.tomorrowStart, w.dayAfterStart)} as tomorrow,
      (select coalesce(json_object_agg(status, n), '{}'::json) from (
        select status, count(*) as n from cars where owner_id is null group by status) s) as stock,
      ${salesSince(w.monthStart, null)} as "thisMonth",
      ${salesSince(w.lastMonthStart, w.monthStart)} as "lastMonth",
      (select coalesce(sum(commission), 0)::numeric(20, 2)::text from sales
        where staff_id = ${staffId} and sold_at >= ${w.monthStart}) as commission,
      (select commission_rate::text from users where id = ${staffId}) as rate`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the dashboard statement answered no row');
  const stock = (status: string) => Number(row.stock[status] ?? 0);
  return {
    pendingCount: Number(row.pending),
    todayCount: Number(row.today),
    tomorrowCount: Number(row.tomorrow),
    stock: {
      available: stock('available'),
      reserved: stock('reserved'),
      sold: stock('sold'),
      removed: stock('removed'),
    },
    sales: {
      thisMonth: { count: Number(row.thisMonth.count), revenue: row.thisMonth.revenue },
      lastMonth: { count: Number(row.lastMonth.count), revenue: row.lastMonth.revenue },
    },
    commissionThisMonth: row.commission,
    commissionRate: row.rate,
  };
}

/**
 * The queue's head (pending requests, soonest first) and the agenda of today and tomorrow, each
 * at most DASHBOARD_LIST_LIMIT long, in one statement on the same indexes as the figures.
 */
export async function dashboardDrives(
  db: Database,
  w: DashboardWindow,
): Promise<{ pending: DashboardDrive[]; today: DashboardDrive[]; tomorrow: DashboardDrive[] }> {
  const columns = sql`b.id, b.car_id, b.customer_id,
      coalesce(nullif(trim(u.first_name || ' ' || u.last_name), ''), b.customer_name) as customer_name,
      b.status, b.start_at, b.end_at, c.make, c.model, c.year, c.license_plate`;
  const from = sql`from bookings b join cars c on c.id = b.car_id left join users u on u.id = b.customer_id`;
  const agenda = (list: string, start: Date, end: Date) => sql`(select ${sql.lit(list)} as list, ${columns} ${from}
      where b.kind = 'test_drive' and b.status in (${AGENDA}) and b.start_at >= ${start} and b.start_at < ${end}
      order by b.start_at, b.id limit ${DASHBOARD_LIST_LIMIT})`;
  const { rows } = await sql<{
    list: 'pending' | 'today' | 'tomorrow';
    id: string;
    carId: string;
    customerId: string | null;
    customerName: string | null;
    status: BookingStatus;
    startAt: Date;
    endAt: Date;
    make: string;
    model: string;
    year: number;
    licensePlate: string | null;
  }>`(select 'pending' as list, ${columns} ${from}
        where b.kind = 'test_drive' and b.status = 'pending'
        order by b.start_at, b.id limit ${DASHBOARD_LIST_LIMIT})
      union all ${agenda('today', w.todayStart, w.tomorrowStart)}
      union all ${agenda('tomorrow', w.tomorrowStart, w.dayAfterStart)}`.execute(db);
  // Keys arrive camelCased (the database handle's CamelCasePlugin renames result columns).
  const lists = { pending: [] as DashboardDrive[], today: [] as DashboardDrive[], tomorrow: [] as DashboardDrive[] };
  for (const row of rows) {
    lists[row.list].push({
      id: row.id,
      carId: row.carId,
      customerId: row.customerId,
      customerName: row.customerName,
      status: row.status,
      startAt: new Date(row.startAt),
      endAt: new Date(row.endAt),
      car: { make: row.make, model: row.model, year: Number(row.year), licensePlate: row.licensePlate },
    });
  }
  // union all keeps no order of its own: each list is put back in time order.
  for (const list of Object.values(lists))
    list.sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || (a.id < b.id ? -1 : 1));
  return lists;
}

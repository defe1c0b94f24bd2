import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import { type Period, periodConditions } from '../../period';

export interface StaffMetrics {
  salesCount: number;
  /** Decimal strings with two places. */
  revenue: string;
  commission: string;
  testDrives: { approved: number; completed: number; noShow: number };
  /** Converting sales / completed test drives handled, to 4 decimals; 0 when they handled none. */
  conversion: number;
}

/**
 * The staff metrics for one seller over a period [from, to): their sales by soldAt;
 * the test drives they handled by startAt (`handledBy` is whoever approved, completed or marked
 * the no-show last); and the conversion: their sales whose customer had a completed test drive
 * of that same car, handled by them in the period before the sale, divided by the completed
 * test drives they handled in the period. Each such sale has its own drive in the divisor (one
 * sale per car), so the ratio stays between 0 and 1.
 */
export async function staffMetrics(db: Database, staffId: string, period: Period): Promise<StaffMetrics> {
  const sales = await db
    .selectFrom('sales')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      // numeric(20,2): two places, "0.00" when there are none.
      sql<string>`coalesce(sum(sales.price), 0)::numeric(20, 2)`.as('revenue'),
      sql<string>`coalesce(sum(sales.commission), 0)::numeric(20, 2)`.as('commission'),
      sql<number>`count(*) filter (where exists (
        select 1 from bookings
        where bookings.car_id = sales.car_id
          and bookings.customer_id = sales.customer_id
          and bookings.kind = 'test_drive'
          and bookings.status = 'completed'
          and bookings.handled_by = sales.staff_id
          and bookings.start_at < sales.sold_at
          ${period.from ? sql`and bookings.start_at >= ${period.from}` : sql``}
      ))`.as('converted'),
    ])
    .where('sales.staffId', '=', staffId)
    .where((eb) => eb.and(periodConditions('sales.soldAt', period)))
    .executeTakeFirstOrThrow();

  const drives = await db
    .selectFrom('bookings')
    .select([
      sql<number>`count(*) filter (where bookings.status = 'approved')`.as('approved'),
      sql<number>`count(*) filter (where bookings.status = 'completed')`.as('completed'),
      sql<number>`count(*) filter (where bookings.status = 'no_show')`.as('noShow'),
    ])
    .where('bookings.kind', '=', 'test_drive')
    .where('bookings.handledBy', '=', staffId)
    .where('bookings.status', 'in', ['approved', 'completed', 'no_show'])
    .where((eb) => eb.and(periodConditions('bookings.startAt', period)))
    .executeTakeFirstOrThrow();

  const completed = Number(drives.completed);
  return {
    salesCount: Number(sales.count),
    revenue: sales.revenue,
    commission: sales.commission,
    testDrives: { approved: Number(drives.approved), completed, noShow: Number(drives.noShow) },
    conversion: completed === 0 ? 0 : Math.round((Number(sales.converted) / completed) * 10_000) / 10_000,
  };
}

/** Whether the user ever sold a car or handled a test drive: a seller since demoted still has metrics. */
export async function hasSellerHistory(db: Database, userId: string): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('sales').select('sales.id').where('sales.staffId', '=', userId)).as('sold'),
      eb.exists(eb.selectFrom('bookings').select('bookings.id').where('bookings.handledBy', '=', userId)).as('handled'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.sold) || Boolean(row.handled);
}

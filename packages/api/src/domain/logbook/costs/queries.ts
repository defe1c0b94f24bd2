import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import { fromUnits, ratio, toUnits } from '../logbook-decimal';

export interface Period {
  from?: string | undefined;
  to?: string | undefined;
}

export interface MonthCosts {
  /** `YYYY-MM` */
  month: string;
  fuel: string;
  service: string;
  total: string;
}

export interface CarCosts {
  fuel: { total: string; count: number };
  service: { total: string; count: number };
  total: string;
  /** Driven in the period by the odometer: the last reading before `to` less the last before `from`. */
  distanceKm: number;
  /** Money per km, three places; null when no distance was driven. */
  costPerKm: string | null;
  months: MonthCosts[];
}

const inPeriod = (column: string, period: Period) =>
  sql.join(
    [
      sql`true`,
      ...(period.from ? [sql`${sql.ref(column)} >= ${period.from}::date`] : []),
      ...(period.to ? [sql`${sql.ref(column)} < ${period.to}::date`] : []),
    ],
    sql` and `,
  );

/**
 * Fuel and service totals per month and per km, summed in numeric by the database and added
 * up in BigInt cents, so every total is exact to the cent. A service with no cost (a sale's copy) adds nothing.
 */
export async function carCosts(db: Database, carId: string, period: Period): Promise<CarCosts> {
  const months = await sql<{ month: string; fuel: string; service: string; fuelCount: number; serviceCount: number }>`
    with entries as (
      select at, total_cost as fuel, 0::numeric as service, 1 as fuel_count, 0 as service_count
        from fuel_entries where car_id = ${carId} and ${inPeriod('at', period)}
      union all
      select at, 0::numeric, coalesce(cost, 0), 0, 1
        from service_records where car_id = ${carId} and ${inPeriod('at', period)}
    )
    select to_char(at, 'YYYY-MM') as month,
           sum(fuel)::numeric(14, 2)::text as fuel,
           sum(service)::numeric(14, 2)::text as service,
           sum(fuel_count)::int as fuel_count,
           sum(service_count)::int as service_count
      from entries group by 1 order by 1`.execute(db);

  const distance = await sql<{ distanceKm: number | null }>`
    select (select max(km) from odometer_readings where car_id = ${carId}
              ${period.to ? sql`and at < ${period.to}::date` : sql``})
         - ${
           period.from
             ? sql`coalesce((select max(km) from odometer_readings where car_id = ${carId} and at < ${period.from}::date),
                            (select min(km) from odometer_readings where car_id = ${carId} and at >= ${period.from}::date))`
             : sql`(select min(km) from odometer_readings where car_id = ${carId})`
         } as distance_km`.execute(db);

  const distanceKm = Math.max(0, distance.rows[0]?.distanceKm ?? 0);
  const cents = (pick: (row: (typeof months.rows)[number]) => string) =>
    months.rows.reduce((sum, row) => sum + toUnits(pick(row), 2), 0n);
  const fuel = cents((row) => row.fuel);
  const service = cents((row) => row.service);
  return {
    fuel: { total: fromUnits(fuel, 2), count: months.rows.reduce((n, row) => n + row.fuelCount, 0) },
    service: { total: fromUnits(service, 2), count: months.rows.reduce((n, row) => n + row.serviceCount, 0) },
    total: fromUnits(fuel + service, 2),
    distanceKm,
    costPerKm: ratio(fuel + service, 2, BigInt(distanceKm), 0, 3),
    months: months.rows.map((row) => ({
      month: row.month,
      fuel: row.fuel,
      service: row.service,
      total: fromUnits(toUnits(row.fuel, 2) + toUnits(row.service, 2), 2),
    })),
  };
}

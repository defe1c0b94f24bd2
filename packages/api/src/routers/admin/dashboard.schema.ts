import { z } from 'zod';
import { bookingStatusSchema } from '../../domain/bookings/schemas';

const money = z.string().meta({ description: 'A decimal string with two places, e.g. "12500.00"' });

export const dashboardInput = z.object({}).strict();

export const dashboardDriveOutput = z.object({
  id: z.uuid(),
  carId: z.uuid(),
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  status: bookingStatusSchema,
  startAt: z.date(),
  endAt: z.date(),
  car: z.object({ make: z.string(), model: z.string(), year: z.number().int(), licensePlate: z.string().nullable() }),
});

/** A count and the first items in time order (at most 50; the count is exact). */
const driveList = z.object({ count: z.number().int(), items: z.array(dashboardDriveOutput) });

const salesPeriod = z.object({ count: z.number().int(), revenue: money });

export const dashboardOutput = z.object({
  /** The showroom's zone, and its dates the day lists are read in. */
  timeZone: z.string(),
  today: z.string(),
  tomorrow: z.string(),
  /** Test-drive requests waiting for approval, soonest first. */
  pending: driveList,
  /** Test drives starting today and tomorrow (pending, approved, completed or no-show). */
  drivesToday: driveList,
  drivesTomorrow: driveList,
  stock: z.object({
    available: z.number().int(),
    reserved: z.number().int(),
    sold: z.number().int(),
    removed: z.number().int(),
  }),
  /** Calendar months in the showroom's zone. */
  sales: z.object({ thisMonth: salesPeriod, lastMonth: salesPeriod }),
  /** The caller's own commission on their sales this month. */
  myCommissionThisMonth: money,
  /** The percentage a sale by the caller earns them now ("5.00"): their own rate or the default. */
  myCommissionRate: z.string(),
});

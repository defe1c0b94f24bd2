import type { Database } from '@carhub/db';
import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/shared';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { appRouter } from '../src/root';

export async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/**
 * The per-field messages a client receives: what the router's own error formatter (trpc.ts)
 * puts in `data.fieldErrors` for this error, read through tRPC's getErrorShape.
 */
export function fieldMessages(error: TRPCError): Record<string, string[]> {
  const shape = getErrorShape({
    config: appRouter._def._config,
    error,
    type: 'unknown',
    path: undefined,
    input: undefined,
    ctx: undefined,
  });
  return shape.data.fieldErrors ?? {};
}

/**
 * Inserts `count` stock cars straight in SQL, varied deterministically by the row number: ties
 * in price, year, mileage and creation time are frequent on purpose, so paging must break them by id.
 */
export async function insertStockRows(db: Database, count: number, offset = 0): Promise<void> {
  await sql`
    insert into cars (make, model, year, color, vin, mileage, fuel_type, body_type, transmission, price, status, created_at)
    select (array['Toyota', 'Volkswagen', 'BMW', 'Ford', 'Tesla'])[1 + i % 5],
           (array['Corolla', 'Golf', 'X5', 'Focus', 'Model 3', 'Passat', 'Yaris'])[1 + i % 7],
           1990 + (i * 7) % 36,
           (array['Black', 'White', 'Silver', 'Red'])[1 + i % 4],
           'WVWZZZ' || lpad(i::text, 11, '0'),
           (i * 7919) % 3000 * 100,
           (array['petrol', 'diesel', 'hybrid', 'electric', 'lpg', 'other'])[1 + i % 6],
           (array['sedan', 'hatchback', 'suv', 'coupe', 'convertible', 'wagon', 'van', 'pickup', 'other'])[1 + i % 9],
           (array['manual', 'automatic'])[1 + i % 2],
           ((i * 104729) % 400) * 250 + 999.99,
           case when i % 10 = 3 then 'reserved' when i % 10 = 7 then 'sold' when i % 20 = 9 then 'removed' else 'available' end,
           now() - (i % 40) * interval '1 second' - (i % 3) * interval '1 microsecond'
    from generate_series(${offset + 1}::int, ${offset + count}::int) as i`.execute(db);
}

import type { Database } from '@carhub/db';
import { z } from 'zod';
import { audit } from '../audit/audit';
import { requireAdmin } from '../auth/role-gates';
import type { Context } from '../context';
import { type CsvColumn, csvLines } from '../csv/csv-writer';
import { parseInput } from '../errors';
import { defineKeyset, type Page, paginate } from '../pagination/keyset';
import { type CarRecord, carColumns, carFilterConditions } from '../routers/cars/queries';
import { carStatusSchema, commonCarFilters } from '../routers/cars/schemas';

/** Rows per query: memory holds one batch, never the whole export. */
export const EXPORT_BATCH_SIZE = 1000;

/** The car lists' filters, over garage cars and stock together unless `kind` says which. */
export const exportCarsInput = z.strictObject({
  kind: z.enum(['garage', 'stock']).optional(),
  /** One user's garage. */
  ownerId: z.uuid('Not a user id.').optional(),
  /** Stock status (garage cars have none). */
  status: carStatusSchema.optional(),
  ...commonCarFilters,
});

export type ExportCarsFilters = z.output<typeof exportCarsInput>;

// Newest first, as the lists answer by default; (created_at, id) is indexed for every car.
const exportKeyset = defineKeyset({
  id: 'cars.id',
  keys: { createdAt: { column: 'cars.createdAt', type: 'timestamptz' } },
  defaultSort: '-createdAt',
});

export const carCsvColumns: readonly CsvColumn<CarRecord>[] = [
  { header: 'id', value: (car) => car.id },
  { header: 'ownerId', value: (car) => car.ownerId },
  { header: 'make', value: (car) => car.make },
  { header: 'model', value: (car) => car.model },
  { header: 'year', value: (car) => car.year },
  { header: 'color', value: (car) => car.color },
  { header: 'licensePlate', value: (car) => car.licensePlate },
  { header: 'vin', value: (car) => car.vin },
  { header: 'mileage', value: (car) => car.mileage },
  { header: 'notes', value: (car) => car.notes },
  { header: 'fuelType', value: (car) => car.fuelType },
  { header: 'bodyType', value: (car) => car.bodyType },
  { header: 'transmission', value: (car) => car.transmission },
  { header: 'price', value: (car) => car.price },
  { header: 'status', value: (car) => car.status },
  { header: 'createdAt', value: (car) => car.createdAt },
  { header: 'updatedAt', value: (car) => car.updatedAt },
];

/**
 * The filtered cars in keyset batches, one query per batch and no transaction held open (the
 * embedded database has one connection, and a long download must not hold it): a car written
 * during the export may or may not appear, none appears twice.
 */
async function* carBatches(db: Database, filters: ExportCarsFilters): AsyncGenerator<CarRecord[]> {
  const query = db
    .selectFrom('cars')
    .select(carColumns)
    .where((eb) => {
      const conditions = carFilterConditions(eb, filters);
      if (filters.kind === 'garage') conditions.push(eb('cars.ownerId', 'is not', null));
      if (filters.kind === 'stock') conditions.push(eb('cars.ownerId', 'is', null));
      if (filters.ownerId) conditions.push(eb('cars.ownerId', '=', filters.ownerId));
      if (filters.status) conditions.push(eb('cars.status', '=', filters.status));
      return eb.and(conditions);
    });
  let cursor: string | null = null;
  do {
    const page: Page<CarRecord> = await paginate(query, exportKeyset, {
      sort: '-createdAt',
      cursor,
      limit: EXPORT_BATCH_SIZE,
    });
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

/**
 * GET /api/admin/export/cars.csv: admins only (401/403 as adminProcedure answers), the
 * filters checked like a procedure's input (400), the export written to the audit log, then
 * the CSV lines, produced as the response reads them.
 */
export async function exportCarsCsv(ctx: Context, query: unknown): Promise<AsyncGenerator<string>> {
  const auth = requireAdmin(ctx.auth);
  const filters = parseInput(exportCarsInput, query);
  await ctx.db
    .transaction()
    .execute((trx) =>
      audit(trx, auth, { action: 'export', entity: 'car', entityId: null, after: { format: 'csv', ...filters } }),
    );
  return csvLines(carCsvColumns, carBatches(ctx.db, filters));
}

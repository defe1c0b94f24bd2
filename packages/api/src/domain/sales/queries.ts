import { type Database, isPgError, type NewSaleRow, PgErrorCode } from '@carhub/db';
import { AppError } from '../../errors';
import { type Page, type PageRequest, paginate } from '../../pagination';
import { type Period, periodConditions } from '../../period';
import { type SaleOutput, type SaleSort, salesKeyset } from './schemas';

/** The columns behind `saleOutput` (toSaleOutput nests the car snapshot). */
export const saleColumns = [
  'sales.id',
  'sales.carId',
  'sales.customerId',
  'sales.staffId',
  'sales.garageCarId',
  'sales.price',
  'sales.commissionRate',
  'sales.commission',
  'sales.notes',
  'sales.soldAt',
  'sales.updatedAt',
  'sales.carMake',
  'sales.carModel',
  'sales.carYear',
  'sales.carVin',
] as const;

export type SaleRecord = Omit<SaleOutput, 'car'> & {
  carMake: string;
  carModel: string;
  carYear: number;
  carVin: string | null;
};

export function toSaleOutput({ carMake, carModel, carYear, carVin, ...sale }: SaleRecord): SaleOutput {
  return { ...sale, car: { make: carMake, model: carModel, year: carYear, vin: carVin } };
}

export function saleNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such sale.');
}

export function alreadySold(): AppError {
  return new AppError('CONFLICT', 'This car is already sold.');
}

export async function insertSale(db: Database, values: NewSaleRow): Promise<SaleOutput> {
  try {
    return toSaleOutput(await db.insertInto('sales').values(values).returning(saleColumns).executeTakeFirstOrThrow());
  } catch (error) {
    // The unique constraint is the last word on "one sale per car", whatever got past the lock.
    if (isPgError(error, PgErrorCode.uniqueViolation)) throw alreadySold();
    throw error;
  }
}

/** One sale by id; `forUpdate` locks it so two corrections queue. */
export async function findSale(
  db: Database,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SaleOutput | undefined> {
  let query = db.selectFrom('sales').select(saleColumns).where('sales.id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toSaleOutput(row);
}

export async function updateSale(
  db: Database,
  id: string,
  changes: { price?: string; commission?: string; notes?: string | null },
): Promise<SaleOutput> {
  return toSaleOutput(
    await db
      .updateTable('sales')
      .set(changes)
      .where('sales.id', '=', id)
      .returning(saleColumns)
      .executeTakeFirstOrThrow(),
  );
}

export interface SaleFilters extends Period {
  staffId?: string | undefined;
  customerId?: string | undefined;
  carId?: string | undefined;
}

export async function listSales(
  db: Database,
  filters: SaleFilters,
  page: PageRequest<SaleSort>,
): Promise<Page<SaleOutput>> {
  const result = await paginate(salesQuery(db, filters), salesKeyset, page);
  return { items: result.items.map(toSaleOutput), nextCursor: result.nextCursor };
}

/** The filtered sales, unordered and unpaged: the list and the CSV export page it themselves. */
export function salesQuery(db: Database, filters: SaleFilters) {
  return db
    .selectFrom('sales')
    .select(saleColumns)
    .where((eb) => {
      const conditions = periodConditions('sales.soldAt', filters);
      if (filters.staffId) conditions.push(eb('sales.staffId', '=', filters.staffId));
      if (filters.customerId) conditions.push(eb('sales.customerId', '=', filters.customerId));
      if (filters.carId) conditions.push(eb('sales.carId', '=', filters.carId));
      return eb.and(conditions);
    });
}

/** Whether the user is a sale's customer or seller: such a user must stay (deactivate instead). */
export async function userHasSales(db: Database, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sales')
    .select('sales.id')
    .where((eb) => eb.or([eb('sales.customerId', '=', userId), eb('sales.staffId', '=', userId)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function carHasSale(db: Database, carId: string): Promise<boolean> {
  const row = await db.selectFrom('sales').select('sales.id').where('sales.carId', '=', carId).executeTakeFirst();
  return row !== undefined;
}

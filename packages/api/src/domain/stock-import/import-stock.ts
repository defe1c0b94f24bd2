import type { Database } from '@carhub/db';
import type { Auth } from '../../context';
import { AppError } from '../../errors';
import { type AuditEntry, auditMany } from '../audit/audit';
import { normalizePlate } from '../cars/plate';
import { carColumns, carConflictFromUniqueViolation } from '../cars/queries';
import { parseCsv } from './csv-parse';
import { type ImportedCar, type ImportRowError, readRows } from './import-rows';

/** Rows per insert: 17 columns a car, well under the 65,535 parameters of one statement. */
const INSERT_CHUNK = 500;

export interface StockImportResult {
  dryRun: boolean;
  /** Data rows in the file. */
  rowCount: number;
  errors: ImportRowError[];
  /** What is (or, in a dry run, would be) created, in file order. */
  cars: ImportedCar[];
  /** The new cars' ids in file order; empty in a dry run. */
  createdIds: string[];
}

/** Plates and VINs of the file that stock already has: row errors, as inventory.create's 409 would say. */
async function takenInStock(db: Database, cars: readonly ImportedCar[]): Promise<ImportRowError[]> {
  const plates = cars.flatMap((car) => (car.licensePlate ? [normalizePlate(car.licensePlate)] : []));
  const vins = cars.flatMap((car) => (car.vin ? [car.vin] : []));
  if (plates.length === 0 && vins.length === 0) return [];
  const taken = await db
    .selectFrom('cars')
    .select(['cars.plateNormalized', 'cars.vin'])
    .where('cars.ownerId', 'is', null)
    .where((eb) =>
      eb.or([
        ...(plates.length > 0 ? [eb('cars.plateNormalized', 'in', plates)] : []),
        ...(vins.length > 0 ? [eb('cars.vin', 'in', vins)] : []),
      ]),
    )
    .execute();
  const takenPlates = new Set(taken.map((row) => row.plateNormalized));
  const takenVins = new Set(taken.map((row) => row.vin));
  const errors: ImportRowError[] = [];
  for (const car of cars) {
    if (car.licensePlate && takenPlates.has(normalizePlate(car.licensePlate))) {
      errors.push({
        row: car.row,
        column: 'licensePlate',
        message: 'Stock already has a car with this licence plate.',
      });
    }
    if (car.vin && takenVins.has(car.vin)) {
      errors.push({ row: car.row, column: 'vin', message: 'Stock already has a car with this VIN.' });
    }
  }
  return errors;
}

/** The cars as stock rows, their mileage as a first odometer reading, each audited as a create. */
async function insertStock(trx: Database, auth: Pick<Auth, 'user'>, cars: readonly ImportedCar[], today: string) {
  const ids: string[] = [];
  const audits: AuditEntry[] = [];
  for (let i = 0; i < cars.length; i += INSERT_CHUNK) {
    const values = cars.slice(i, i + INSERT_CHUNK).map(({ row: _row, ...car }) => ({
      ...car,
      ownerId: null,
      status: car.status ?? 'available',
      plateNormalized: car.licensePlate ? normalizePlate(car.licensePlate) : null,
    }));
    let rows: Array<Record<string, unknown> & { id: string; mileage: number }>;
    try {
      rows = await trx.insertInto('cars').values(values).returning(carColumns).execute();
    } catch (error) {
      carConflictFromUniqueViolation(error);
    }
    const readings = rows.filter((_, j) => values[j]?.mileage !== undefined);
    if (readings.length > 0) {
      await trx
        .insertInto('odometerReadings')
        .values(readings.map((row) => ({ carId: row.id, at: today, km: row.mileage, source: 'car' as const })))
        .execute();
    }
    for (const row of rows) {
      ids.push(row.id);
      audits.push({ action: 'create', entity: 'car', entityId: row.id, after: { ...row, source: 'import' } });
    }
  }
  await auditMany(trx, auth, audits);
  return ids;
}

/**
 * inventory.import: the file read and every row checked; a dry run answers the problems and
 * the cars it would add. Otherwise, a file with any problem adds nothing (400 naming them), and
 * a clean one is added in one transaction: all rows or none, even if a plate is taken between
 * the check and the insert (the unique index answers 409 and everything rolls back).
 */
export async function importStock(
  db: Database,
  auth: Pick<Auth, 'user'>,
  file: { text: string; dryRun: boolean; today: string },
): Promise<StockImportResult> {
  const records = parseCsv(file.text);
  const { cars, errors: fileErrors } = readRows(records);
  const errors = [...fileErrors, ...(await takenInStock(db, cars))].sort((a, b) => a.row - b.row);
  const failed = new Set(errors.map((error) => error.row));
  const clean = cars.filter((car) => !failed.has(car.row));
  const result = { dryRun: file.dryRun, rowCount: records.length - 1, errors, cars: clean, createdIds: [] };
  if (file.dryRun) return result;
  if (errors.length > 0) throw importRefused(errors);
  const createdIds = await db.transaction().execute((trx) => insertStock(trx, auth, clean, file.today));
  return { ...result, createdIds };
}

function importRefused(errors: readonly ImportRowError[]): AppError {
  const rows = new Set(errors.map((error) => error.row)).size;
  const first = errors
    .slice(0, 3)
    .map((error) => `row ${error.row}${error.column ? `, ${error.column}` : ''}: ${error.message}`)
    .join('; ');
  const fieldErrors: Record<string, string[]> = {};
  for (const error of errors.slice(0, 100)) {
    const key = `${error.row}${error.column ? `.${error.column}` : ''}`;
    fieldErrors[key] = [...(fieldErrors[key] ?? []), error.message];
  }
  return new AppError(
    'BAD_REQUEST',
    `Nothing was imported: ${rows} row${rows === 1 ? ' has' : 's have'} problems (${first}${errors.length > 3 ? '; ...' : ''}). ` +
      'A dry run (dryRun=true) lists them all.',
    { fieldErrors },
  );
}

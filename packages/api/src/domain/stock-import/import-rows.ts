import type { z } from 'zod';
import { AppError } from '../../errors';
import { normalizePlate } from '../cars/plate';
import { carsExport } from '../exports/cars-export';
import { createStockInput } from '../stock/schemas';
import type { CsvRecord } from './csv-parse';

/** The most rows one import takes (besides UPLOAD_MAX_BYTES). */
export const IMPORT_MAX_ROWS = 5000;

/** A problem with one cell or row: `row` counts data rows from 1 (the header is not one). */
export interface ImportRowError {
  row: number;
  /** The column, or null for the row as a whole (a wrong number of cells). */
  column: string | null;
  message: string;
}

export type ImportedCar = z.output<typeof createStockInput> & { row: number };

/** The columns cars.csv writes: what an import reads. */
export const importColumns: readonly string[] = carsExport.columns.map((column) => column.header);
const required = ['make', 'model', 'year', 'fuelType', 'bodyType', 'transmission', 'price'];
// The export's own bookkeeping: an imported car is new stock, with new ids and times.
const ignored = new Set(['id', 'createdAt', 'updatedAt']);
const numeric = new Set(['year', 'mileage']);
// The export writes a cell a spreadsheet would run as a formula with a leading quote: read
// back, it is the text it was. Nothing is ever evaluated; such a cell is stored as text.
const PROTECTED_FORMULA = /^'[=+\-@\t\r]/;

/** The header row, checked: every column known, none twice, the required ones there (400 otherwise). */
export function readHeader(header: CsvRecord | undefined): string[] {
  if (!header)
    throw new AppError('BAD_REQUEST', `The CSV file is empty: it needs a header row (${importColumns.join(', ')}).`);
  const names = header.cells.map((cell) => cell.trim());
  const unknown = names.filter((name) => !importColumns.includes(name));
  if (unknown.length > 0) {
    throw new AppError(
      'BAD_REQUEST',
      `Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.map((name) => `"${name}"`).join(', ')}. ` +
        `The first row must name the columns, from: ${importColumns.join(', ')}.`,
    );
  }
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0)
    throw new AppError('BAD_REQUEST', `Column named twice: ${[...new Set(repeated)].join(', ')}.`);
  const missing = required.filter((name) => !names.includes(name));
  if (missing.length > 0)
    throw new AppError('BAD_REQUEST', `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`);
  return names;
}

function cellValue(column: string, raw: string): unknown {
  const text = PROTECTED_FORMULA.test(raw) ? raw.slice(1) : raw;
  if (text.trim() === '') return undefined;
  if (numeric.has(column) && /^\s*-?\d+\s*$/.test(text)) return Number(text);
  return text;
}

/**
 * Every data row checked as inventory.create checks its input, plus what only a file can get
 * wrong: a row of the wrong length, a garage owner, a plate or VIN repeated in the file.
 */
export function readRows(records: readonly CsvRecord[]): { cars: ImportedCar[]; errors: ImportRowError[] } {
  const [header, ...data] = records;
  const columns = readHeader(header);
  if (data.length > IMPORT_MAX_ROWS) {
    throw new AppError(
      'BAD_REQUEST',
      `At most ${IMPORT_MAX_ROWS.toLocaleString('en')} rows in one import; this file has ${data.length.toLocaleString('en')}.`,
    );
  }
  const cars: ImportedCar[] = [];
  const errors: ImportRowError[] = [];
  const plates = new Map<string, number>();
  const vins = new Map<string, number>();
  for (const [index, record] of data.entries()) {
    const row = index + 1;
    const problems: ImportRowError[] = [];
    const finish = () => {
      errors.push(...problems);
    };
    if (record.cells.length !== columns.length) {
      problems.push({ row, column: null, message: `Expected ${columns.length} cells, found ${record.cells.length}.` });
      finish();
      continue;
    }
    const fields: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const value = cellValue(column, record.cells[i] ?? '');
      if (!ignored.has(column) && value !== undefined) fields[column] = value;
    });
    if (fields.ownerId !== undefined) {
      problems.push({ row, column: 'ownerId', message: 'Leave ownerId empty: an import adds stock, not garage cars.' });
    }
    delete fields.ownerId;
    const parsed = createStockInput.safeParse(fields);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ row, column: String(issue.path[0] ?? ''), message: issue.message });
      }
      finish();
      continue;
    }
    const car = { ...parsed.data, row };
    const plate = car.licensePlate ? normalizePlate(car.licensePlate) : null;
    const repeats = (seen: Map<string, number>, key: string | null | undefined, column: string, label: string) => {
      if (!key) return;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, row);
        return;
      }
      problems.push({ row, column, message: `${label} repeats row ${first} of the file.` });
    };
    repeats(plates, plate, 'licensePlate', 'This licence plate');
    repeats(vins, car.vin, 'vin', 'This VIN');
    if (problems.length === 0) cars.push(car);
    finish();
  }
  return { cars, errors };
}

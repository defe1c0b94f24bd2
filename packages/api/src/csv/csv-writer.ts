/**
 * CSV as RFC 4180 has it (comma-separated, CRLF line ends, a field holding a comma, quote, CR
 * or LF is quoted with its quotes doubled), made safe to open in a spreadsheet: a cell that
 * starts with =, +, -, @, tab or CR would be read as a formula, so it gets a leading single
 * quote. Pure and streaming: the exports (cars, later bookings and sales) write one row at a time.
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  // Numbers are written by us, not typed by a user: a negative one stays a number.
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** A column: its header and how to read it from a row. */
export interface CsvColumn<T> {
  header: string;
  // A method, not a function property: its parameter is then bivariant, so one registry can
  // hold the exports of several row types (apps/server registers them in one loop).
  value(row: T): CsvValue;
}

/** The fields of T whose values a cell can hold. */
type CsvField<T> = { [K in keyof T & string]: T[K] extends CsvValue ? K : never }[keyof T & string];

/** One column per field, named as the field: what the exports use, so a CSV reads like the list it mirrors. */
/** `sales.price` -> `price`: the field a qualified column is answered as. */
export type ColumnField<C extends string> = C extends `${string}.${infer F}` ? F : C;

/** The fields a query's column list answers with, in its order: an export's columns are the query's. */
export function columnFields<const C extends readonly string[]>(columns: C): ColumnField<C[number]>[] {
  return columns.map((column) => column.slice(column.indexOf('.') + 1) as ColumnField<C[number]>);
}

export function fieldColumns<T>(fields: readonly CsvField<T>[]): CsvColumn<T>[] {
  return fields.map((field) => ({ header: field, value: (row) => row[field] as CsvValue }));
}

/**
 * The header line, then one line per row of every batch, as the batches arrive: memory holds
 * one batch at a time, however long the export.
 */
export async function* csvLines<T>(
  columns: readonly CsvColumn<T>[],
  batches: AsyncIterable<readonly T[]>,
): AsyncGenerator<string> {
  yield csvRow(columns.map((column) => column.header));
  for await (const batch of batches) {
    let chunk = '';
    for (const row of batch) chunk += csvRow(columns.map((column) => column.value(row)));
    if (chunk) yield chunk;
  }
}

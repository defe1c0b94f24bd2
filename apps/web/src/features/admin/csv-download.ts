import { type CsvValue, csvRow } from '../../../../../packages/api/src/csv/csv-writer';

/** The stock export's columns, in its order: a file this writes imports back unchanged. */
export const stockCsvColumns = [
  'id',
  'ownerId',
  'make',
  'model',
  'year',
  'color',
  'licensePlate',
  'vin',
  'mileage',
  'notes',
  'fuelType',
  'bodyType',
  'transmission',
  'price',
  'status',
  'createdAt',
  'updatedAt',
] as const;

/** Saves rows as a formula-safe CSV (the API's own writer), e.g. "stock-2026-12-01.csv". */
export function downloadCsv(name: string, rows: readonly Record<string, unknown>[]): void {
  const text = [
    csvRow(stockCsvColumns),
    ...rows.map((row) => csvRow(stockCsvColumns.map((c) => row[c] as CsvValue))),
  ].join('');
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name}-${new Date().toISOString().slice(0, 10)}.csv`;
  link.click();
  URL.revokeObjectURL(url);
}

import { bookingsExport } from './bookings-export';
import { carsExport } from './cars-export';
import { salesExport } from './sales-export';

export { type CsvExport, EXPORT_BATCH_SIZE, runCsvExport } from './csv-export';

/** Every CSV export an admin can download, by name: GET /api/admin/export/<name>.csv. */
export const csvExports = { cars: carsExport, bookings: bookingsExport, sales: salesExport } as const;

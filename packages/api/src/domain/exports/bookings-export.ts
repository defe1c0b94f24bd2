import { z } from 'zod';
import { columnFields, fieldColumns } from '../../csv/csv-writer';
import { periodInOrder, periodProblem } from '../../period';
import { bookingColumns, bookingsQuery } from '../bookings/queries';
import { type BookingOutput, bookingFilterFields, bookingsKeyset } from '../bookings/schemas';
import { type CsvExport, keysetBatches } from './csv-export';

export const exportBookingsInput = z.strictObject(bookingFilterFields).refine(periodInOrder, periodProblem);

/** bookings.csv: as bookings.list answers the exporting admin (every booking), latest start first. */
export const bookingsExport: CsvExport<z.output<typeof exportBookingsInput>, BookingOutput> = {
  entity: 'booking',
  fileName: 'bookings',
  summary: 'Every booking as CSV (filters as bookings.list), streamed; written to the audit log',
  input: exportBookingsInput,
  columns: fieldColumns(columnFields(bookingColumns)),
  batches: (db, filters, viewer) =>
    keysetBatches(bookingsQuery(db, viewer, filters), bookingsKeyset, bookingsKeyset.defaultSort),
};

import { z } from 'zod';
import { periodInOrder, periodProblem } from '../period';
import { bookingsQuery } from '../routers/bookings/queries';
import { type BookingOutput, bookingFilterFields, bookingsKeyset } from '../routers/bookings/schemas';
import { type CsvExport, keysetBatches } from './csv-export';

export const exportBookingsInput = z.strictObject(bookingFilterFields).refine(periodInOrder, periodProblem);

/** bookings.csv: as bookings.list answers the exporting admin (every booking), latest start first. */
export const bookingsExport: CsvExport<z.output<typeof exportBookingsInput>, BookingOutput> = {
  entity: 'booking',
  fileName: 'bookings',
  input: exportBookingsInput,
  columns: [
    { header: 'id', value: (b) => b.id },
    { header: 'carId', value: (b) => b.carId },
    { header: 'customerId', value: (b) => b.customerId },
    { header: 'customerName', value: (b) => b.customerName },
    { header: 'kind', value: (b) => b.kind },
    { header: 'status', value: (b) => b.status },
    { header: 'startAt', value: (b) => b.startAt },
    { header: 'endAt', value: (b) => b.endAt },
    { header: 'startDate', value: (b) => b.startDate },
    { header: 'endDate', value: (b) => b.endDate },
    { header: 'renterName', value: (b) => b.renterName },
    { header: 'renterPhone', value: (b) => b.renterPhone },
    { header: 'renterEmail', value: (b) => b.renterEmail },
    { header: 'createdBy', value: (b) => b.createdBy },
    { header: 'handledBy', value: (b) => b.handledBy },
    { header: 'notes', value: (b) => b.notes },
    { header: 'createdAt', value: (b) => b.createdAt },
    { header: 'updatedAt', value: (b) => b.updatedAt },
  ],
  batches: (db, filters, viewer) =>
    keysetBatches(bookingsQuery(db, viewer, filters), bookingsKeyset, bookingsKeyset.defaultSort),
};

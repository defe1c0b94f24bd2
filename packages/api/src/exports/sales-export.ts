import { z } from 'zod';
import { periodInOrder, periodProblem } from '../period';
import { type SaleRecord, salesQuery } from '../routers/sales/queries';
import { salesFilterFields, salesKeyset } from '../routers/sales/schemas';
import { type CsvExport, keysetBatches } from './csv-export';

export const exportSalesInput = z.strictObject(salesFilterFields).refine(periodInOrder, periodProblem);

/** sales.csv: as sales.list answers, newest first, the car snapshot in columns of its own. */
export const salesExport: CsvExport<z.output<typeof exportSalesInput>, SaleRecord> = {
  entity: 'sale',
  fileName: 'sales',
  input: exportSalesInput,
  columns: [
    { header: 'id', value: (s) => s.id },
    { header: 'carId', value: (s) => s.carId },
    { header: 'customerId', value: (s) => s.customerId },
    { header: 'staffId', value: (s) => s.staffId },
    { header: 'garageCarId', value: (s) => s.garageCarId },
    { header: 'price', value: (s) => s.price },
    { header: 'commissionRate', value: (s) => s.commissionRate },
    { header: 'commission', value: (s) => s.commission },
    { header: 'notes', value: (s) => s.notes },
    { header: 'soldAt', value: (s) => s.soldAt },
    { header: 'updatedAt', value: (s) => s.updatedAt },
    { header: 'carMake', value: (s) => s.carMake },
    { header: 'carModel', value: (s) => s.carModel },
    { header: 'carYear', value: (s) => s.carYear },
    { header: 'carVin', value: (s) => s.carVin },
  ],
  batches: (db, filters) => keysetBatches(salesQuery(db, filters), salesKeyset, salesKeyset.defaultSort),
};

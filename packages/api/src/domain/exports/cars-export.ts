import { z } from 'zod';
import { columnFields, fieldColumns } from '../../csv/csv-writer';
import { defineKeyset } from '../../pagination/keyset';
import { type CarRecord, carColumns, carFilterConditions } from '../cars/queries';
import { carStatusSchema, commonCarFilters } from '../cars/schemas';
import { userIdSchema } from '../users/schemas';
import { type CsvExport, keysetBatches } from './csv-export';

/** The car lists' filters, over garage cars and stock together unless `kind` says which. */
export const exportCarsInput = z.strictObject({
  kind: z.enum(['garage', 'stock']).optional(),
  /** One user's garage. */
  ownerId: userIdSchema.optional(),
  /** Stock status (garage cars have none). */
  status: carStatusSchema.optional(),
  ...commonCarFilters,
});

// Newest first, as the lists answer by default; (created_at, id) is indexed for every car.
const exportKeyset = defineKeyset({
  id: 'cars.id',
  keys: { createdAt: { column: 'cars.createdAt', type: 'timestamptz' } },
  defaultSort: '-createdAt',
});

/** cars.csv: garage cars and stock, the columns of a car answer (photos aside). */
export const carsExport: CsvExport<z.output<typeof exportCarsInput>, CarRecord> = {
  entity: 'car',
  fileName: 'cars',
  summary: 'Garage cars and stock as CSV (filters as the car lists), streamed; written to the audit log',
  input: exportCarsInput,
  columns: fieldColumns(columnFields(carColumns)),
  batches(db, filters) {
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
    return keysetBatches(query, exportKeyset, '-createdAt');
  },
};

import { z } from 'zod';
import { columnFields, fieldColumns } from '../../csv/csv-writer';
import { periodInOrder, periodProblem } from '../../period';
import { type SaleRecord, saleColumns, salesQuery } from '../sales/queries';
import { salesFilterFields, salesKeyset } from '../sales/schemas';
import { type CsvExport, keysetBatches } from './csv-export';

export const exportSalesInput = z.strictObject(salesFilterFields).refine(periodInOrder, periodProblem);

/** sales.csv: as sales.list answers, newest first, the car snapshot in columns of its own. */
export const salesExport: CsvExport<z.output<typeof exportSalesInput>, SaleRecord> = {
  entity: 'sale',
  fileName: 'sales',
  summary: 'Sales as CSV (filters as sales.list), streamed; written to the audit log',
  input: exportSalesInput,
  columns: fieldColumns(columnFields(saleColumns)),
  batches: (db, filters) => keysetBatches(salesQuery(db, filters), salesKeyset, salesKeyset.defaultSort),
};

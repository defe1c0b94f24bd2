import { logbookToday } from '../../domain/logbook/logbook-access';
import { assertUploadSize } from '../../domain/photos/upload-size';
import { importStock } from '../../domain/stock-import/import-stock';
import { errorResponses } from '../../openapi-meta';
import { staffProcedure } from '../../trpc';
import { importStockInput, importStockOutput } from './import.schema';

/**
 * Adds stock from a CSV with the columns cars.csv exports. Over tRPC the input is a FormData;
 * REST reaches this same procedure through apps/server's multipart route (the OpenAPI adapter
 * only takes JSON, so `enabled: false` here, and that route documents itself).
 */
export const importCsv = staffProcedure
  .meta({
    openapi: {
      enabled: false,
      method: 'POST',
      path: '/inventory/import',
      tags: ['inventory'],
      summary: 'Add stock cars from a CSV file (multipart/form-data, field `file`; `dryRun` to only check)',
      protect: true,
      errorResponses: errorResponses(401, 403, 409, 413),
    },
  })
  .input(importStockInput)
  .output(importStockOutput)
  .mutation(async ({ ctx, input }) => {
    assertUploadSize(input.file.size, ctx.uploadMaxBytes);
    const text = await input.file.text();
    return importStock(ctx.db, ctx.auth, { text, dryRun: input.dryRun, today: logbookToday(ctx.settings) });
  });

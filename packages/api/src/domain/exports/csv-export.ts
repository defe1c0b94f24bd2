import type { Database } from '@carhub/db';
import type { SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import type { Context } from '../../context';
import { type CsvColumn, csvLines } from '../../csv/csv-writer';
import { parseInput } from '../../errors';
import { type Keyset, type Page, paginate, type SortParam } from '../../pagination/keyset';
import { assertCallerMay } from '../api-keys/scopes';
import { type AuditEntity, audit } from '../audit/audit';
import type { Viewer } from '../auth/principal';
import { requireAdmin } from '../auth/principal';

/** Rows per query: memory holds one batch, never the whole export. */
export const EXPORT_BATCH_SIZE = 1000;

/** One CSV export: what it reads, which filters it takes, how a row becomes a line. */
export interface CsvExport<F, T> {
  /** What the audit row of an export names (`entity`), and the file name's start. */
  entity: AuditEntity;
  fileName: string;
  /** What /openapi.json says the route answers. */
  summary: string;
  /** The filters, as a list takes them: a strict object, so an unknown parameter is a 400. */
  input: z.ZodType<F>;
  columns: readonly CsvColumn<T>[];
  /** The rows, as the exporting admin's lists would answer them. */
  batches(db: Database, filters: F, viewer: Viewer): AsyncIterable<readonly T[]>;
}

/**
 * A filtered query read in keyset batches, one query per batch and no transaction held open
 * (the embedded database has one connection, and a long download must not hold it; it can't
 * stream a cursor either): a row written during the export may or may not appear, none twice.
 */
export async function* keysetBatches<DB, TB extends keyof DB, O, S extends string>(
  query: SelectQueryBuilder<DB, TB, O>,
  keyset: Keyset<S>,
  sort: SortParam<S>,
): AsyncGenerator<O[]> {
  let cursor: string | null = null;
  do {
    const page: Page<O> = await paginate(query, keyset, { sort, cursor, limit: EXPORT_BATCH_SIZE });
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

/**
 * GET /api/admin/export/<name>.csv: admins only (401/403 as adminProcedure answers), the
 * filters checked like a procedure's input (400), the export written to the audit log, then
 * the CSV lines, produced as the response reads them.
 */
export async function runCsvExport<F extends object, T>(
  ctx: Context,
  csvExport: CsvExport<F, T>,
  query: unknown,
): Promise<AsyncGenerator<string>> {
  assertCallerMay(ctx, 'admin.export', 'query');
  const auth = requireAdmin(ctx.auth);
  const filters = parseInput(csvExport.input, query);
  await ctx.db.transaction().execute((trx) =>
    audit(trx, auth, {
      action: 'export',
      entity: csvExport.entity,
      entityId: null,
      after: { format: 'csv', ...filters },
    }),
  );
  return csvLines(csvExport.columns, csvExport.batches(ctx.db, filters, auth.user));
}

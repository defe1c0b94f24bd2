import { Readable } from 'node:stream';
import { type ApiSettings, type CsvExport, csvExports, runCsvExport } from '@carhub/api';
import type { Database } from '@carhub/db';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorBodySchema, sendErrorOf } from './error-reply';
import { createRequestContext } from './request-context';
import { hasUnknownQuery, refuseUnknownQuery } from './rest-requests';

/**
 * CSV exports for admins (cars, bookings, sales): plain routes, because a procedure answers one
 * JSON value and an export is a stream. The caller is read by the same request context as /trpc
 * and /api (Bearer or cookie); these are GETs, so the CSRF guard lets them through and they
 * change nothing but the audit log. The checks and the rows come from packages/api (csvExports).
 */
export function registerExportRoutes(app: FastifyInstance, db: Database, settings: ApiSettings): void {
  const exports: Array<[string, CsvExport<object, unknown>]> = Object.entries(csvExports);
  for (const [name, csvExport] of exports) {
    const accepted = Object.keys((csvExport.input as z.ZodObject).shape);
    const path = `admin.export.${name}`;
    app.get(`/api/admin/export/${name}.csv`, async (request, reply) => {
      if (hasUnknownQuery(request, accepted)) return refuseUnknownQuery(request, reply, accepted, path);
      try {
        const ctx = await createRequestContext(db, request, reply, settings);
        const lines = await runCsvExport(ctx, csvExport, request.query);
        const day = new Date().toISOString().slice(0, 10);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${csvExport.fileName}-${day}.csv"`)
          .header('cache-control', 'no-store')
          .send(Readable.from(lines));
      } catch (error) {
        return sendErrorOf(reply, error, path);
      }
    });
  }
}

const errorContent = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorBodySchema } },
});

/** The export routes in /openapi.json (paths relative to the /api server URL). */
export const exportPaths: ZodOpenApiPathsObject = Object.fromEntries(
  Object.entries(csvExports).map(([name, csvExport]) => [
    `/admin/export/${name}.csv`,
    {
      get: {
        operationId: `admin-export-${name}`,
        tags: ['admin'],
        summary: csvExport.summary,
        security: [{ Authorization: [] }, { ApiKey: [] }] as Array<Record<string, string[]>>,
        requestParams: { query: csvExport.input as z.ZodObject },
        responses: {
          200: {
            description: 'RFC 4180 CSV; cells that a spreadsheet would read as a formula start with a single quote',
            content: { 'text/csv': { schema: z.string() } },
          },
          400: errorContent('Invalid input (messages per field in data.fieldErrors)'),
          401: errorContent('Not signed in'),
          403: errorContent('Not allowed'),
        },
      },
    },
  ]),
);

import type { AnyProcedure, AnyRouter } from '@trpc/server';
import { z } from 'zod';

/** The part of `meta.openapi` a REST route needs; parsed, so a malformed meta counts as missing. */
const restMeta = z.object({
  openapi: z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    path: z.string().startsWith('/'),
    /** The statuses it answers besides 200; without them the adapter guesses (never 409 or 429). */
    errorResponses: z.record(z.string(), z.string()).optional(),
  }),
});

export interface ProcedureEntry {
  /** The dotted tRPC name, e.g. `health.ping`. */
  path: string;
  rest: z.infer<typeof restMeta>['openapi'] | undefined;
  hasOutput: boolean;
  hasErrorResponses: boolean;
}

/** Every procedure of a router, nested routers included (tRPC keeps them flat under dotted names). */
export function listProcedures(router: AnyRouter): ProcedureEntry[] {
  const procedures: Record<string, AnyProcedure> = router._def.procedures;
  return Object.entries(procedures)
    .map(([path, procedure]) => {
      const def = procedure._def;
      const meta = restMeta.safeParse(def.meta);
      return {
        path,
        rest: meta.success ? meta.data.openapi : undefined,
        hasOutput: 'output' in def && def.output !== undefined,
        hasErrorResponses: meta.success && meta.data.openapi.errorResponses !== undefined,
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** What keeps a procedure off REST or out of the document: empty when every procedure is covered. */
export function restGaps(router: AnyRouter): string[] {
  return listProcedures(router).flatMap(({ path, rest, hasOutput, hasErrorResponses }) => [
    ...(rest ? [] : [`${path}: no meta.openapi { method, path }`]),
    ...(rest && !hasErrorResponses ? [`${path}: no meta.openapi.errorResponses`] : []),
    ...(hasOutput ? [] : [`${path}: no .output() schema`]),
  ]);
}

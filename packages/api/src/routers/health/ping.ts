import { sql } from 'kysely';
import { z } from 'zod';
import { errorResponses } from '../../openapi-meta';
import { publicProcedure } from '../../trpc';

export const pingInput = z.object({}).strict().optional();
export const pingOutput = z.object({
  ok: z.literal(true),
  /** The database's clock: proves the round trip reached it. */
  databaseTime: z.date(),
});

export const ping = publicProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/health/ping',
      tags: ['health'],
      summary: 'Round trip to the database',
      protect: false,
      errorResponses: errorResponses(),
    },
  })
  .input(pingInput)
  .output(pingOutput)
  .query(async ({ ctx }) => {
    const { rows } = await sql<{ now: Date }>`select now() as now`.execute(ctx.db);
    const now = rows[0]?.now;
    if (!now) throw new Error('the database returned no time');
    return { ok: true as const, databaseTime: now };
  });

import { z } from 'zod';
import { databaseTime } from '../../domain/health/database-time';
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
  .query(async ({ ctx }) => ({ ok: true as const, databaseTime: await databaseTime(ctx.db) }));

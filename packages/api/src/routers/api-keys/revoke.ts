import { revokeApiKey } from '../../domain/api-keys/queries';
import { apiKeyIdInput } from '../../domain/api-keys/schemas';
import { errorResponses } from '../../openapi-meta';
import { sessionProcedure } from '../../trpc';
import { okOutput } from '../auth/schemas';

export const revoke = sessionProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/api-keys/{id}',
      tags: ['api-keys'],
      summary: 'Revoke one of your API keys (the next request with it is refused)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(apiKeyIdInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await ctx.db.transaction().execute((trx) => revokeApiKey(trx, ctx.auth, input.id, ctx.auth.user.id));
    return { ok: true as const };
  });

import { revokeApiKey } from '../../../domain/api-keys/queries';
import { apiKeyIdInput } from '../../../domain/api-keys/schemas';
import { errorResponses } from '../../../openapi-meta';
import { adminSessionProcedure } from '../../../trpc';
import { okOutput } from '../../auth/schemas';

export const revoke = adminSessionProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/admin/api-keys/{id}',
      tags: ['admin'],
      summary: "Revoke any user's API key (the next request with it is refused)",
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(apiKeyIdInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await ctx.db.transaction().execute((trx) => revokeApiKey(trx, ctx.auth, input.id));
    return { ok: true as const };
  });

import { listOwnApiKeys } from '../../domain/api-keys/queries';
import { apiKeysOutput } from '../../domain/api-keys/schemas';
import { errorResponses } from '../../openapi-meta';
import { noInput } from '../../query-params';
import { sessionProcedure } from '../../trpc';

export const list = sessionProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/api-keys',
      tags: ['api-keys'],
      summary: 'Your API keys (not revoked), newest first; never the keys themselves',
      protect: true,
      errorResponses: errorResponses(401, 403),
    },
  })
  .input(noInput)
  .output(apiKeysOutput)
  .query(async ({ ctx }) => ({ items: await listOwnApiKeys(ctx.db, ctx.auth.user.id) }));

import { listLiveApiKeys } from '../../../domain/api-keys/queries';
import { adminApiKeysPageOutput, adminListApiKeysInput } from '../../../domain/api-keys/schemas';
import { errorResponses } from '../../../openapi-meta';
import { adminSessionProcedure } from '../../../trpc';

export const list = adminSessionProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/admin/api-keys',
      tags: ['admin'],
      summary: "Every user's API keys (not revoked), newest first",
      protect: true,
      errorResponses: errorResponses(401, 403),
    },
  })
  .input(adminListApiKeysInput)
  .output(adminApiKeysPageOutput)
  .query(({ ctx, input: { userId, ...page } }) => listLiveApiKeys(ctx.db, userId, page));

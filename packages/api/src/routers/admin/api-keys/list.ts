import { apiKeyColumns } from '../../../domain/api-keys/queries';
import { adminApiKeysKeyset, adminApiKeysPageOutput, adminListApiKeysInput } from '../../../domain/api-keys/schemas';
import { errorResponses } from '../../../openapi-meta';
import { paginate } from '../../../pagination';
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
  .query(({ ctx, input: { userId, ...page } }) => {
    let query = ctx.db
      .selectFrom('apiKeys')
      .innerJoin('users', 'users.id', 'apiKeys.userId')
      .select(apiKeyColumns)
      .select(['apiKeys.userId', 'users.username'])
      .where('apiKeys.revokedAt', 'is', null);
    if (userId) query = query.where('apiKeys.userId', '=', userId);
    return paginate(query, adminApiKeysKeyset, page);
  });

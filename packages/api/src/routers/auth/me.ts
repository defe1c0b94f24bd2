import { findUser } from '../../domain/users/queries';
import { userOutput } from '../../domain/users/schemas';
import { errorResponses } from '../../openapi-meta';
import { noInput } from '../../query-params';
import { authedProcedure } from '../../trpc';

export const me = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/auth/me',
      tags: ['auth'],
      summary: 'The signed-in user',
      errorResponses: errorResponses(401),
    },
  })
  .input(noInput)
  .output(userOutput)
  .query(({ ctx }) => findUser(ctx.db, ctx.auth.user.id));

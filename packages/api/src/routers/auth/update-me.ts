import { updateProfile } from '../../domain/users/queries';
import { userOutput } from '../../domain/users/schemas';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';
import { updateMeInput } from './schemas';

export const updateMe = authedProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/auth/me',
      tags: ['auth'],
      summary: 'Update your profile',
      errorResponses: errorResponses(401, 409),
    },
  })
  .input(updateMeInput)
  .output(userOutput)
  .mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.auth.user.id, input));

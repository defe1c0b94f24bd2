import { conflictFromUniqueViolation, userColumns } from '../../domain/users/queries';
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
  .mutation(async ({ ctx, input }) => {
    const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    const query =
      Object.keys(changes).length === 0
        ? ctx.db.selectFrom('users').select(userColumns).where('users.id', '=', ctx.auth.user.id)
        : ctx.db.updateTable('users').set(changes).where('users.id', '=', ctx.auth.user.id).returning(userColumns);
    try {
      return await query.executeTakeFirstOrThrow();
    } catch (error) {
      conflictFromUniqueViolation(error);
    }
  });

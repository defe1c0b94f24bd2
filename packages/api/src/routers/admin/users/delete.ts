import { errorResponses } from '../../../openapi-meta';
import { adminProcedure } from '../../../trpc';
import { deleteManagedUser } from '../../../users/manage-users';
import { deleteUserOutput, userIdInput } from './schemas';

export const deleteUser = adminProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/admin/users/{id}',
      tags: ['admin'],
      summary: 'Delete a user with their garage and sessions (audit rows stay)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(userIdInput)
  .output(deleteUserOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.transaction().execute(async (trx) => {
      await deleteManagedUser(trx, ctx.auth, input.id);
      return { id: input.id, outcome: 'deleted' as const };
    }),
  );

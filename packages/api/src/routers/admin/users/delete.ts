import { deleteManagedUser } from '../../../domain/users/manage-users';
import { errorResponses } from '../../../openapi-meta';
import { adminProcedure } from '../../../trpc';
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
  .mutation(async ({ ctx, input }) => {
    const photoKeys = await ctx.db.transaction().execute((trx) => deleteManagedUser(trx, ctx.auth, input.id));
    // Their garage's photo objects go once the rows are gone for good.
    await ctx.storage.deleteMany(photoKeys);
    return { id: input.id, outcome: 'deleted' as const };
  });

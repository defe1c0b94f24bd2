import { changeManagedUser } from '../../../domain/users/manage-users';
import { managedUserOutput } from '../../../domain/users/schemas';
import { errorResponses } from '../../../openapi-meta';
import { adminProcedure } from '../../../trpc';
import { updateUserInput } from './schemas';

export const update = adminProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/admin/users/{id}',
      tags: ['admin'],
      summary: 'Change a user: profile, role, active (deactivating ends their sessions)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(updateUserInput)
  .output(managedUserOutput)
  .mutation(({ ctx, input: { id, ...changes } }) =>
    ctx.db
      .transaction()
      .execute((trx) =>
        changeManagedUser(trx, ctx.auth, id, changes, { defaultCommissionRate: ctx.settings.defaultCommissionRate }),
      ),
  );

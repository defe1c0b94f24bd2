import { changeManagedUser } from '../../domain/users/manage-users';
import { errorResponses } from '../../openapi-meta';
import { adminProcedure } from '../../trpc';
import { staffOutput, updateStaffInput } from './schemas';

export const update = adminProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/staff/{id}',
      tags: ['staff'],
      summary: "Change a staff member's commission rate, profile or active state",
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(updateStaffInput)
  .output(staffOutput)
  .mutation(({ ctx, input: { id, ...changes } }) =>
    ctx.db.transaction().execute((trx) =>
      changeManagedUser(trx, ctx.auth, id, changes, {
        defaultCommissionRate: ctx.settings.defaultCommissionRate,
        staffOnly: true,
      }),
    ),
  );

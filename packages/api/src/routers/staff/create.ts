import { idempotencyKeyHeaders } from '../../domain/idempotency/idempotency';
import { createManagedUser } from '../../domain/users/manage-users';
import { errorResponses } from '../../openapi-meta';
import { adminProcedure } from '../../trpc';
import { createStaffInput, staffOutput } from './schemas';

export const create = adminProcedure
  .meta({
    idempotent: true,
    openapi: {
      method: 'POST',
      path: '/staff',
      tags: ['staff'],
      summary: 'Create a staff member (or admin) with a commission rate',
      protect: true,
      requestHeaders: idempotencyKeyHeaders,
      errorResponses: errorResponses(401, 403, 409),
    },
  })
  .input(createStaffInput)
  .output(staffOutput)
  .mutation(({ ctx, input: { passwordConfirm: _confirm, ...input } }) =>
    ctx.db.transaction().execute((trx) => createManagedUser(trx, ctx.auth, input, ctx.settings.defaultCommissionRate)),
  );

import { idempotencyKeyHeaders } from '../../../idempotency/idempotency';
import { errorResponses } from '../../../openapi-meta';
import { adminProcedure } from '../../../trpc';
import { createManagedUser } from '../../../users/manage-users';
import { managedUserOutput } from '../../../users/schemas';
import { createUserInput } from './schemas';

export const create = adminProcedure
  .meta({
    idempotent: true,
    openapi: {
      method: 'POST',
      path: '/admin/users',
      tags: ['admin'],
      summary: 'Create an account of any role (the new user is notified)',
      protect: true,
      requestHeaders: idempotencyKeyHeaders,
      errorResponses: errorResponses(401, 403, 409),
    },
  })
  .input(createUserInput)
  .output(managedUserOutput)
  .mutation(({ ctx, input: { passwordConfirm: _confirm, ...input } }) =>
    ctx.db.transaction().execute((trx) => createManagedUser(trx, ctx.auth, input, ctx.settings.defaultCommissionRate)),
  );

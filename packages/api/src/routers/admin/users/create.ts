import { idempotencyKeyHeaders } from '../../../domain/idempotency/idempotency';
import { createManagedUser } from '../../../domain/users/manage-users';
import { managedUserOutput } from '../../../domain/users/schemas';
import { errorResponses } from '../../../openapi-meta';
import { adminProcedure } from '../../../trpc';
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

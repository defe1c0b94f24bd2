import { listManagedUsers } from '../../../domain/users/manage-users';
import { errorResponses } from '../../../openapi-meta';
import { adminProcedure } from '../../../trpc';
import { listUsersInput, usersPageOutput } from './schemas';

export const list = adminProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/admin/users',
      tags: ['admin'],
      summary: 'Every user: search username, e-mail and names; filter by role and isActive',
      protect: true,
      errorResponses: errorResponses(401, 403),
    },
  })
  .input(listUsersInput)
  .output(usersPageOutput)
  .query(({ ctx, input: { search, role, isActive, ...page } }) =>
    listManagedUsers(ctx.db, { search, roles: role ? [role] : undefined, isActive }, page),
  );

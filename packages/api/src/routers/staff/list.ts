import { staffRoles } from '../../domain/auth/principal';
import { listManagedUsers } from '../../domain/users/manage-users';
import { errorResponses } from '../../openapi-meta';
import { adminProcedure } from '../../trpc';
import { listStaffInput, staffPageOutput } from './schemas';

export const list = adminProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/staff',
      tags: ['staff'],
      summary: 'Staff and admins, with their commission rates',
      protect: true,
      errorResponses: errorResponses(401, 403),
    },
  })
  .input(listStaffInput)
  .output(staffPageOutput)
  .query(({ ctx, input: { role, isActive, ...page } }) =>
    listManagedUsers(ctx.db, { roles: role ? [role] : staffRoles, isActive }, page),
  );

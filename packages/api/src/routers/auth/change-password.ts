import { hashPassword, verifyPassword } from '../../domain/auth/password';
import { sessionsFor } from '../../domain/auth/sessions';
import { assertPasswordAllowed } from '../../domain/users/queries';
import { AppError } from '../../errors';
import { errorResponses } from '../../openapi-meta';
import { sessionProcedure } from '../../trpc';
import { changePasswordInput, okOutput } from './schemas';

export const changePassword = sessionProcedure
  .meta({
    openapi: {
      method: 'PUT',
      path: '/auth/password',
      tags: ['auth'],
      summary: 'Change your password',
      errorResponses: errorResponses(401),
    },
  })
  .input(changePasswordInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    const { user } = ctx.auth;
    const { passwordHash } = await ctx.db
      .selectFrom('users')
      .select('passwordHash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    if (!(await verifyPassword(passwordHash, input.oldPassword))) {
      throw new AppError('BAD_REQUEST', 'The current password is wrong.', {
        fieldErrors: { oldPassword: ['The current password is wrong.'] },
      });
    }
    assertPasswordAllowed(input.newPassword, user, 'newPassword');
    await ctx.db
      .updateTable('users')
      .set({ passwordHash: await hashPassword(input.newPassword) })
      .where('id', '=', user.id)
      .execute();
    // Whoever else held a session may have known the old password: they are signed out.
    await sessionsFor(ctx.db).invalidateOthers(user.id, ctx.auth.session.publicId);
    return { ok: true as const };
  });

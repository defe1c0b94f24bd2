import { changeOwnPassword } from '../../domain/auth/password-change';
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
    await ctx.db.transaction().execute((trx) => changeOwnPassword(trx, ctx.auth, input));
    return { ok: true as const };
  });

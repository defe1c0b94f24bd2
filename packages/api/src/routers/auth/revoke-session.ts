import { sessionsFor } from '../../domain/auth/sessions';
import { AppError } from '../../errors';
import { errorResponses } from '../../openapi-meta';
import { sessionProcedure } from '../../trpc';
import { okOutput, revokeSessionInput } from './schemas';

export const revokeSession = sessionProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/auth/sessions/{id}',
      tags: ['auth'],
      summary: 'End one session',
      errorResponses: errorResponses(401, 404),
    },
  })
  .input(revokeSessionInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    // Someone else's session id is simply not found: ids leak nothing.
    if (!(await sessionsFor(ctx.db).revoke(ctx.auth.user.id, input.id))) {
      throw new AppError('NOT_FOUND', 'No such session.');
    }
    if (input.id === ctx.auth.session.publicId) ctx.cookies.clearSession();
    return { ok: true as const };
  });

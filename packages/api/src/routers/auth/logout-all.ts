import { sessionsFor } from '../../domain/auth/sessions';
import { errorResponses } from '../../openapi-meta';
import { noInput } from '../../query-params';
import { sessionProcedure } from '../../trpc';
import { okOutput } from './schemas';

export const logoutAll = sessionProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/auth/logout-all',
      tags: ['auth'],
      summary: 'End every session',
      errorResponses: errorResponses(401),
    },
  })
  .input(noInput)
  .output(okOutput)
  .mutation(async ({ ctx }) => {
    await sessionsFor(ctx.db).invalidateAll(ctx.auth.user.id);
    ctx.cookies.clearSession();
    return { ok: true as const };
  });

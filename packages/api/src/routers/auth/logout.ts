import { sessionsFor } from '../../domain/auth/sessions';
import { errorResponses } from '../../openapi-meta';
import { noInput } from '../../query-params';
import { sessionProcedure } from '../../trpc';
import { okOutput } from './schemas';

export const logout = sessionProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/auth/logout',
      tags: ['auth'],
      summary: 'End this session',
      errorResponses: errorResponses(401),
    },
  })
  .input(noInput)
  .output(okOutput)
  .mutation(async ({ ctx }) => {
    await sessionsFor(ctx.db).invalidate(ctx.auth.token);
    ctx.cookies.clearSession();
    return { ok: true as const };
  });

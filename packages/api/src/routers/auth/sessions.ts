import { sessionsFor } from '../../domain/auth/sessions';
import { errorResponses } from '../../openapi-meta';
import { noInput } from '../../query-params';
import { sessionProcedure } from '../../trpc';
import { sessionsOutput } from './schemas';

export const sessions = sessionProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/auth/sessions',
      tags: ['auth'],
      summary: 'Your live sessions',
      errorResponses: errorResponses(401),
    },
  })
  .input(noInput)
  .output(sessionsOutput)
  .query(async ({ ctx }) => {
    const live = await sessionsFor(ctx.db).list(ctx.auth.user.id);
    return {
      items: live.map(({ publicId, ...session }) => ({
        id: publicId,
        ...session,
        current: publicId === ctx.auth.session.publicId,
      })),
    };
  });

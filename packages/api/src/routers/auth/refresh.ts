import { sessionsFor } from '../../domain/auth/sessions';
import { findUser } from '../../domain/users/queries';
import { AppError } from '../../errors';
import { errorResponses } from '../../openapi-meta';
import { noInput } from '../../query-params';
import { sessionProcedure } from '../../trpc';
import { authResultOutput } from './schemas';

export const refresh = sessionProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/auth/refresh',
      tags: ['auth'],
      summary: 'Rotate the session token',
      errorResponses: errorResponses(401),
    },
  })
  .input(noInput)
  .output(authResultOutput)
  .mutation(async ({ ctx }) => {
    const rotated = await sessionsFor(ctx.db).rotate(ctx.auth.token);
    if (!rotated) throw new AppError('UNAUTHORIZED', 'The session has ended. Sign in again.');
    if (ctx.auth.via === 'cookie') ctx.cookies.setSession(rotated.token);
    return { token: rotated.token, expiresAt: rotated.expiresAt, user: await findUser(ctx.db, ctx.auth.user.id) };
  });

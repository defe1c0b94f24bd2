import { issueResetToken, resetThrottle } from '../../domain/auth/password-reset';
import { enforceThrottle, throttleKey } from '../../domain/auth/throttle';
import { enqueue } from '../../domain/notifications/enqueue';
import { findActiveUserIdByEmail } from '../../domain/users/queries';
import { errorResponses } from '../../openapi-meta';
import { publicProcedure } from '../../trpc';
import { okOutput, requestPasswordResetInput } from './schemas';

export const requestPasswordReset = publicProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/auth/password-reset',
      tags: ['auth'],
      summary: 'E-mail a password-reset link (the answer is the same whether or not the address is known)',
      errorResponses: errorResponses(429),
    },
  })
  .input(requestPasswordResetInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    const ip = ctx.ip ?? 'unknown';
    await enforceThrottle(ctx.db, [
      { key: throttleKey('reset', input.email.toLowerCase()), rule: resetThrottle.perEmail },
      { key: throttleKey('reset-ip', ip), rule: resetThrottle.perIp },
    ]);
    await ctx.db.transaction().execute(async (trx) => {
      const userId = await findActiveUserIdByEmail(trx, input.email);
      if (!userId) return;
      const { token, expiresAt } = await issueResetToken(trx, userId);
      await enqueue(trx, {
        type: 'password_reset.requested',
        recipients: [userId],
        payload: { expiresAt: expiresAt.toISOString() },
        private: { token },
      });
    });
    return { ok: true as const };
  });

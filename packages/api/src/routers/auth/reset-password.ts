import { consumeResetToken, resetThrottle } from '../../domain/auth/password-reset';
import { sessionsFor } from '../../domain/auth/sessions';
import { enforceThrottle, throttleKey } from '../../domain/auth/throttle';
import { assertPasswordAllowed, setPassword } from '../../domain/users/queries';
import { AppError } from '../../errors';
import { errorResponses } from '../../openapi-meta';
import { publicProcedure } from '../../trpc';
import { okOutput, resetPasswordInput } from './schemas';

const INVALID = 'This reset link is invalid or has expired. Ask for a new one.';

export const resetPassword = publicProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/auth/password-reset/confirm',
      tags: ['auth'],
      summary: 'Set a new password with a reset token (ends every session)',
      errorResponses: errorResponses(429),
    },
  })
  .input(resetPasswordInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await enforceThrottle(ctx.db, [
      { key: throttleKey('reset-confirm-ip', ctx.ip ?? 'unknown'), rule: resetThrottle.confirmPerIp },
    ]);
    await ctx.db.transaction().execute(async (trx) => {
      const user = await consumeResetToken(trx, input.token);
      if (!user) throw new AppError('BAD_REQUEST', INVALID, { fieldErrors: { token: [INVALID] } });
      // A refused password rolls the transaction back, so the token stays usable for a better one.
      await assertPasswordAllowed(input.newPassword, user, 'newPassword');
      await setPassword(trx, user.id, input.newPassword);
      // Whoever held a session may be the reason for the reset: every session ends.
      await sessionsFor(trx).invalidateAll(user.id);
    });
    return { ok: true as const };
  });

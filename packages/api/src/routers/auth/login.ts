import { issueSession } from '../../domain/auth/issue-session';
import { verifyAgainstDummy, verifyPassword } from '../../domain/auth/password';
import { enforceThrottle, loginThrottle, refundAttempt, resetAttempts, throttleKey } from '../../domain/auth/throttle';
import { findUserToSignIn } from '../../domain/users/queries';
import { AppError } from '../../errors';
import { errorResponses } from '../../openapi-meta';
import { publicProcedure } from '../../trpc';
import { authResultOutput, loginInput } from './schemas';

const INVALID = 'Wrong username, e-mail or password.';

export const login = publicProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/auth/login',
      tags: ['auth'],
      summary: 'Sign in with a username or e-mail',
      protect: false,
      errorResponses: errorResponses(401, 429),
    },
  })
  .input(loginInput)
  .output(authResultOutput)
  .mutation(async ({ ctx, input }) => {
    const ip = ctx.ip ?? 'unknown';
    const identifier = input.identifier.toLowerCase();
    const pairKey = throttleKey('login', identifier, ip);
    const ipKey = throttleKey('login-ip', ip);
    // Counted before any hashing (guessing costs the guesser, not the server, and 50 calls in
    // one batch count as 50); a success takes its count back below.
    await enforceThrottle(ctx.db, [
      { key: pairKey, rule: loginThrottle.perIdentifierAndIp },
      { key: ipKey, rule: loginThrottle.perIp },
    ]);

    const found = await findUserToSignIn(ctx.db, input.identifier);
    // Unknown user, wrong password and deactivated account answer alike, in about the same time.
    const ok = found
      ? await verifyPassword(found.passwordHash, input.password)
      : await verifyAgainstDummy(input.password);
    if (!found || !ok || !found.isActive) throw new AppError('UNAUTHORIZED', INVALID);

    await resetAttempts(ctx.db, pairKey);
    await refundAttempt(ctx.db, ipKey);
    const { passwordHash: _hash, ...user } = found;
    return issueSession(ctx, user);
  });

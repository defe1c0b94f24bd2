import { issueSession } from '../../domain/auth/issue-session';
import { enforceThrottle, signupThrottle, throttleKey } from '../../domain/auth/throttle';
import { insertUser } from '../../domain/users/queries';
import { AppError } from '../../errors';
import { errorResponses } from '../../openapi-meta';
import { publicProcedure } from '../../trpc';
import { authResultOutput, registerInput } from './schemas';

export const register = publicProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/auth/register',
      tags: ['auth'],
      summary: 'Sign up (creates a client)',
      protect: false,
      errorResponses: errorResponses(409, 429),
    },
  })
  .input(registerInput)
  .output(authResultOutput)
  .mutation(async ({ ctx, input }) => {
    // Per address, before the password is hashed; calls from no address (scripts, tests
    // through createCaller) are not network sign-ups.
    if (ctx.ip) await enforceThrottle(ctx.db, [{ key: throttleKey('signup-ip', ctx.ip), rule: signupThrottle.perIp }]);
    if (ctx.settings.requireTerms && input.acceptTerms !== true) {
      const message = 'Accept the terms to sign up.';
      throw new AppError('BAD_REQUEST', message, { fieldErrors: { acceptTerms: [message] } });
    }
    // Public sign-up creates a client, whatever else the input says.
    const user = await insertUser(ctx.db, {
      username: input.username,
      email: input.email,
      password: input.password,
      firstName: input.firstName,
      lastName: input.lastName,
      phone: input.phone,
      address: input.address,
      role: 'client',
      termsAcceptedAt: input.acceptTerms ? new Date() : null,
    });
    return issueSession(ctx, user);
  });

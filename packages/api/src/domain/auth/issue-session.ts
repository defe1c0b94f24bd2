import type { Context } from '../../context';
import type { UserOutput } from '../users/schemas';
import { sessionsFor } from './sessions';

/** Starts a session for a user who just proved who they are; browsers get the cookie too. */
export async function issueSession(ctx: Context, user: UserOutput) {
  const issued = await sessionsFor(ctx.db).create(user.id, { userAgent: ctx.userAgent, ip: ctx.ip });
  ctx.cookies.setSession(issued.token);
  return { token: issued.token, expiresAt: issued.expiresAt, user };
}

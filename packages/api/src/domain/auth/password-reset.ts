import { randomBytes } from 'node:crypto';
import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import { hashToken } from './sessions';
import type { ThrottleRule } from './throttle';

export const RESET_TOKEN_TTL_MS = 30 * 60_000;

/**
 * Per e-mail address, so nobody can flood one inbox; per IP, so one address can't walk through
 * many. The same answer comes back either way: a 429 says nothing about whether the account exists.
 */
export const resetThrottle = {
  perEmail: { limit: 5, windowSeconds: 60 * 60 },
  perIp: { limit: 20, windowSeconds: 60 * 60 },
  confirmPerIp: { limit: 30, windowSeconds: 15 * 60 },
} as const satisfies Record<string, ThrottleRule>;

/** A new single-use token for the user; only its SHA-256 is stored. */
export async function issueResetToken(trx: Database, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + RESET_TOKEN_TTL_MS);
  await trx
    .insertInto('passwordResetTokens')
    .values({ userId, tokenHash: hashToken(token), expiresAt })
    .execute();
  return { token, expiresAt };
}

/**
 * Uses up a token and returns its (active) user, or null when the token is unknown, used,
 * expired, or older than the user's latest password change. Row-locked, so two requests with
 * one token can't both succeed.
 */
export async function consumeResetToken(trx: Database, token: string) {
  const found = await trx
    .selectFrom('passwordResetTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .select(['t.id as tokenId', 'u.id', 'u.username', 'u.email'])
    .where('t.tokenHash', '=', hashToken(token))
    .where('t.usedAt', 'is', null)
    .where('t.expiresAt', '>', sql<Date>`now()`)
    .where('u.isActive', '=', true)
    .where(sql<boolean>`t.created_at >= u.password_changed_at`)
    .forUpdate('t')
    .executeTakeFirst();
  if (!found) return null;
  const used = await trx
    .updateTable('passwordResetTokens')
    .set({ usedAt: sql`now()` })
    .where('id', '=', found.tokenId)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  if (used.numUpdatedRows === 0n) return null;
  const { tokenId: _tokenId, ...user } = found;
  return user;
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring URLs of the local driver: `/media/<key>?exp=<unix seconds>&sig=<base64url
 * HMAC-SHA256 over "<key>\n<exp>">`. The newline can't occur in a key, so no key/expiry pair
 * can be shifted into another with the same signature.
 */

export function mediaSignature(secret: string, key: string, expiresAt: number): string {
  return createHmac('sha256', secret).update(`${key}\n${expiresAt}`).digest('base64url');
}

export type MediaUrlCheck = { ok: true; expiresAt: number } | { ok: false; reason: 'bad-signature' | 'expired' };

/** Checks a request's `exp` and `sig` for `key`; the signature is compared in constant time. */
export function checkMediaSignature(
  secret: string,
  key: string,
  exp: string | undefined,
  sig: string | undefined,
  now: Date = new Date(),
): MediaUrlCheck {
  if (exp === undefined || sig === undefined || !/^\d{1,12}$/.test(exp)) return { ok: false, reason: 'bad-signature' };
  const expiresAt = Number(exp);
  const expected = Buffer.from(mediaSignature(secret, key, expiresAt), 'base64url');
  const given = Buffer.from(sig, 'base64url');
  // Lengths are public (always 32 bytes); only the content comparison must not leak timing.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  if (expiresAt <= Math.floor(now.getTime() / 1000)) return { ok: false, reason: 'expired' };
  return { ok: true, expiresAt };
}

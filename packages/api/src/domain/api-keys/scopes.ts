import { z } from 'zod';
import type { Context } from '../../context';
import { AppError } from '../../errors';

/**
 * What an API key may do: `<area>:read` for queries and `<area>:write` for mutations, the area
 * being the first segment of the procedure's path (`bookings.create` is in `bookings`), or
 * `*:read` / `*:write` for every area. Checked once for every procedure (trpc.ts); the key's
 * user's role gates still apply on top, so a key never reaches beyond its user.
 */
export const apiKeyAreas = [
  'auth',
  'cars',
  'inventory',
  'bookings',
  'sales',
  'staff',
  'notifications',
  'admin',
] as const;
export type ApiKeyArea = (typeof apiKeyAreas)[number];

export const apiKeyScopes = [
  '*:read',
  '*:write',
  ...apiKeyAreas.flatMap((area) => [`${area}:read`, `${area}:write`] as const),
] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

export const apiKeyScopeSchema = z.enum(apiKeyScopes, {
  error: `Each scope must be one of: ${apiKeyScopes.join(', ')}.`,
});

/** Areas no scope opens: a liveness ping is everyone's. */
const OPEN_AREAS = new Set(['health']);

/** The scope a call of `path` needs, or null when none does. Unknown areas need one no key holds. */
export function requiredScope(path: string, type: 'query' | 'mutation' | 'subscription'): string | null {
  const area = path.split('.')[0] ?? '';
  if (OPEN_AREAS.has(area)) return null;
  return `${area}:${type === 'query' ? 'read' : 'write'}`;
}

/** 403 unless the key's scopes cover the call. */
export function assertScopeAllows(
  scopes: readonly string[],
  path: string,
  type: 'query' | 'mutation' | 'subscription',
): void {
  const needed = requiredScope(path, type);
  if (needed === null) return;
  const [area, access] = needed.split(':') as [string, string];
  if (
    (apiKeyAreas as readonly string[]).includes(area) &&
    (scopes.includes(needed) || scopes.includes(`*:${access}`))
  ) {
    return;
  }
  throw new AppError('FORBIDDEN', `This API key lacks the scope ${needed} that ${path} needs.`);
}

/**
 * The caller check every procedure gets (trpc.ts) and every plain route that acts for a caller
 * (the CSV exports, as `admin.<name>` queries): a request the context refused (a bad key, one
 * past its rate limit) stops here, and a key needs the scope of the area.
 */
export function assertCallerMay(
  ctx: Pick<Context, 'auth' | 'refusal'>,
  path: string,
  type: 'query' | 'mutation' | 'subscription',
): void {
  if (ctx.refusal) throw ctx.refusal;
  if (ctx.auth?.apiKey) assertScopeAllows(ctx.auth.apiKey.scopes, path, type);
}

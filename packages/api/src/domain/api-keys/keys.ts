import { randomBytes } from 'node:crypto';
import type { Database, UserRole } from '@carhub/db';
import { sql } from 'kysely';
import { hashToken, type SessionUser } from '../auth/sessions';

/** Every key starts with this, so a key is told from a session token (and by secret scanners). */
export const API_KEY_PREFIX = 'chk_';
/** How much of a key its listing shows: the prefix and the first 8 random characters. */
const VISIBLE_LENGTH = API_KEY_PREFIX.length + 8;
export const API_KEY_MAX_LIFETIME_DAYS = 366;
/** last_used_at is written at most this often per key, not on every call. */
const LAST_USED_RESOLUTION_SECONDS = 60;
const RATE_WINDOW_SECONDS = 60;
export const DEFAULT_API_KEY_RATE_LIMIT = 600;

export interface NewApiKey {
  /** The key itself: shown once, never stored. */
  token: string;
  prefix: string;
  tokenHash: string;
}

export function generateApiKey(): NewApiKey {
  const token = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, prefix: token.slice(0, VISIBLE_LENGTH), tokenHash: hashToken(token) };
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

export interface ApiKeyPrincipal {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
}

export interface ResolvedApiKey {
  user: SessionUser;
  apiKey: ApiKeyPrincipal;
  /** Seconds to wait when this request passed the key's limit, else null. */
  retryAfter: number | null;
}

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  userId: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  role: UserRole;
  requests: number;
  retryAfter: number;
}

/**
 * The live key for a token with its (active) user, in one statement: the lookup, the request
 * count of the key's current minute (`weight` calls: a tRPC batch counts each call) and, at
 * most once a minute, last_used_at. Null for an unknown, revoked or expired key, or a
 * deactivated user: each takes effect on the very next request.
 */
export async function resolveApiKey(
  db: Database,
  token: string,
  options: { weight: number; limit: number },
): Promise<ResolvedApiKey | null> {
  const window = `${RATE_WINDOW_SECONDS} seconds`;
  const { rows } = await sql<KeyRow>`
    with key as (
      select k.id, k.name, k.prefix, k.scopes, k.user_id, k.last_used_at,
        u.username, u.email, u.first_name, u.last_name, u.role
      from api_keys k join users u on u.id = k.user_id
      where k.token_hash = ${hashToken(token)} and k.revoked_at is null
        and (k.expires_at is null or k.expires_at > now()) and u.is_active
    ),
    touched as (
      update api_keys set last_used_at = now()
      where id = (select id from key)
        and (last_used_at is null or last_used_at <= now() - ${`${LAST_USED_RESOLUTION_SECONDS} seconds`}::interval)
    ),
    counted as (
      insert into api_key_usage as c (api_key_id, window_start, requests)
      select id, now(), ${options.weight}::int from key
      on conflict (api_key_id) do update set
        requests = case when c.window_start <= now() - ${window}::interval then excluded.requests
          else c.requests + excluded.requests end,
        window_start = case when c.window_start <= now() - ${window}::interval then now() else c.window_start end
      returning requests, ceil(extract(epoch from (window_start + ${window}::interval - now())))::int as retry_after
    )
    select key.id, key.name, key.prefix, key.scopes, key.user_id as "userId", key.username, key.email,
      key.first_name as "firstName", key.last_name as "lastName", key.role,
      counted.requests, counted.retry_after as "retryAfter"
    from key cross join counted`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return {
    user: {
      id: row.userId,
      username: row.username,
      email: row.email,
      firstName: row.firstName,
      lastName: row.lastName,
      role: row.role,
      isActive: true,
    },
    apiKey: { id: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes },
    retryAfter: row.requests > options.limit ? Math.max(1, row.retryAfter) : null,
  };
}

import type { Database } from '@carhub/db';
import { type ApiKeyPrincipal, looksLikeApiKey, resolveApiKey } from './domain/api-keys/keys';
import { type SessionInfo, type SessionUser, sessionsFor } from './domain/auth/sessions';
import { DEFAULT_UPLOAD_MAX_BYTES } from './domain/photos/upload-size';
import { AppError } from './errors';
import { type ApiSettings, defaultSettings } from './settings';
import { noStorage } from './storage/no-storage';
import type { Storage } from './storage/storage';

/** How the caller proved who they are: the credential decides whether CSRF checks apply. */
export type AuthVia = 'bearer' | 'cookie';

/** A caller signed in with a session (browser cookie or Bearer token). */
export interface SessionAuth {
  user: SessionUser;
  session: SessionInfo;
  /** The raw token of this request (never logged, never returned except by login/refresh). */
  token: string;
  via: AuthVia;
  apiKey?: undefined;
}

/** A script or tool calling with an API key: it acts as the key's user, within the key's scopes. */
export interface ApiKeyAuth {
  user: SessionUser;
  apiKey: ApiKeyPrincipal;
  via: 'api-key';
  session?: undefined;
  token?: undefined;
}

/** Who is calling: one kind of principal for every procedure, whatever the credential. */
export type Auth = SessionAuth | ApiKeyAuth;

/** Writes the browser's session cookie; a no-op outside HTTP. */
export interface CookieJar {
  setSession(token: string): void;
  clearSession(): void;
}

export interface Context {
  db: Database;
  auth: Auth | null;
  ip: string | null;
  userAgent: string | null;
  /** The request id the server logs under; null outside HTTP. */
  requestId: string | null;
  cookies: CookieJar;
  settings: ApiSettings;
  /** Where photo bytes live; car answers carry URLs it signs. */
  storage: Storage;
  /** The largest photo upload, in bytes (UPLOAD_MAX_BYTES). */
  uploadMaxBytes: number;
  /** The request's Idempotency-Key header: creates (meta `idempotent`) honour it. */
  idempotencyKey: string | null;
  /**
   * Why every procedure must refuse this request before it runs (a key that is unknown, revoked
   * or expired: 401; a key past its rate limit: 429). The base procedure throws it.
   */
  refusal: AppError | null;
}

export interface ContextInput {
  db: Database;
  /** The session token from `Authorization: Bearer` or the session cookie, if any (a `chk_` one is an API key). */
  token?: string | null;
  /** An API key (`X-API-Key`); wins over `token`. */
  apiKey?: string | null;
  /** How many procedure calls the request carries (a tRPC batch): each counts against a key's limit. */
  calls?: number;
  idempotencyKey?: string | null;
  via?: AuthVia;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  cookies?: CookieJar;
  settings?: Partial<ApiSettings>;
  /** Defaults to one that refuses every call: only callers that touch photos need a real one. */
  storage?: Storage;
  uploadMaxBytes?: number;
}

const noCookies: CookieJar = { setSession() {}, clearSession() {} };

/**
 * Builds the context from plain values, no HTTP: the server's adapters call it with what
 * they read off the request, tests call it directly. The session is validated here, on
 * every request, so a role change or deactivation takes effect at once.
 */
export async function createContextInner(input: ContextInput): Promise<Context> {
  const settings = { ...defaultSettings, ...input.settings };
  const cookies = input.cookies ?? noCookies;
  const apiKey = input.apiKey ?? (input.token && looksLikeApiKey(input.token) ? input.token : null);
  let auth: Auth | null = null;
  let refusal: AppError | null = null;
  if (apiKey) {
    const resolved = await resolveApiKey(input.db, apiKey, {
      weight: Math.max(1, input.calls ?? 1),
      limit: settings.apiKeyRateLimit,
    });
    if (!resolved) {
      refusal = new AppError(
        'UNAUTHORIZED',
        'This API key is unknown, revoked or expired, or its user is deactivated.',
      );
    } else {
      auth = { user: resolved.user, apiKey: resolved.apiKey, via: 'api-key' };
      if (resolved.retryAfter !== null) {
        refusal = new AppError(
          'TOO_MANY_REQUESTS',
          `This API key made too many requests. Try again in ${resolved.retryAfter} seconds.`,
          { retryAfter: resolved.retryAfter },
        );
      }
    }
  } else if (input.token) {
    const via = input.via ?? 'bearer';
    const validated = await sessionsFor(input.db).validate(input.token);
    if (validated) auth = { user: validated.user, session: validated.session, token: input.token, via };
    // A cookie session Lucia just extended gets a cookie with the new expiry.
    if (auth?.session && via === 'cookie' && validated?.session.fresh) cookies.setSession(auth.token);
  }
  return {
    db: input.db,
    auth,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    requestId: input.requestId ?? null,
    cookies,
    settings,
    storage: input.storage ?? noStorage,
    uploadMaxBytes: input.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES,
    idempotencyKey: input.idempotencyKey ?? null,
    refusal,
  };
}

import type { Database } from '@carhub/db';
import { type SessionInfo, type SessionUser, sessionsFor } from './auth/sessions';
import { DEFAULT_UPLOAD_MAX_BYTES } from './photos/upload-size';
import { type ApiSettings, defaultSettings } from './settings';
import { noStorage } from './storage/no-storage';
import type { Storage } from './storage/storage';

/** How the caller proved who they are: the credential decides whether CSRF checks apply. */
export type AuthVia = 'bearer' | 'cookie';

export interface Auth {
  user: SessionUser;
  session: SessionInfo;
  /** The raw token of this request (never logged, never returned except by login/refresh). */
  token: string;
  via: AuthVia;
}

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
}

export interface ContextInput {
  db: Database;
  /** The session token from `Authorization: Bearer` or the session cookie, if any. */
  token?: string | null;
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
  const via = input.via ?? 'bearer';
  const validated = input.token ? await sessionsFor(input.db).validate(input.token) : null;
  const auth: Auth | null =
    validated && input.token ? { user: validated.user, session: validated.session, token: input.token, via } : null;
  const cookies = input.cookies ?? noCookies;
  // A cookie session Lucia just extended gets a cookie with the new expiry.
  if (auth && via === 'cookie' && validated?.session.fresh) cookies.setSession(auth.token);
  return {
    db: input.db,
    auth,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    requestId: input.requestId ?? null,
    cookies,
    settings: { ...defaultSettings, ...input.settings },
    storage: input.storage ?? noStorage,
    uploadMaxBytes: input.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES,
  };
}

import { createHash, randomUUID } from 'node:crypto';
import { compiledOnce, type Database, type UserRole } from '@carhub/db';
import { type Adapter, generateIdFromEntropySize, Lucia, TimeSpan } from 'lucia';
import { readCookieValue } from './cookie-header';

/**
 * Sessions: the one module that knows Lucia. The client holds an opaque random token; the
 * database holds only its SHA-256 (the adapter hashes on the way in), plus a separate public
 * id that auth.sessions shows and auth.revokeSession takes. 30-day sliding expiry: Lucia
 * extends a session once half of it is used. Swapping Lucia out changes this file only.
 */

export const SESSION_COOKIE = '__Host-session';
const SESSION_DAYS = 30;
const SESSION_MS = SESSION_DAYS * 24 * 60 * 60 * 1000;
/** last_used_at is refreshed at most this often, so reads don't each cost a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface SessionUser {
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  role: UserRole;
  isActive: boolean;
}

export interface SessionInfo {
  publicId: string;
  expiresAt: Date;
  createdAt: Date;
  lastUsedAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
  publicId: string;
}

interface SessionAttributes {
  publicId: string;
  createdAt: Date;
  lastUsedAt: Date;
  userAgent: string | null;
  ip: string | null;
}

declare module 'lucia' {
  interface Register {
    Lucia: Lucia<SessionAttributes, Omit<SessionUser, 'id'>>;
    DatabaseSessionAttributes: Partial<SessionAttributes>;
    DatabaseUserAttributes: Omit<SessionUser, 'id'>;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const sessionColumns = [
  'sessions.userId',
  'sessions.expiresAt',
  'sessions.publicId',
  'sessions.createdAt',
  'sessions.lastUsedAt',
  'sessions.userAgent',
  'sessions.ip',
] as const;

interface SessionRow {
  userId: string;
  expiresAt: Date;
  publicId: string;
  createdAt: Date;
  lastUsedAt: Date;
  userAgent: string | null;
  ip: string | null;
}

type SessionAndUserRow = SessionRow & Omit<SessionUser, 'id'>;

/** The session a token names and its user, if the user is active. */
type SessionLookup = (token: string) => Promise<SessionAndUserRow | undefined>;

function sessionLookup(db: Database): SessionLookup {
  // Every signed-in request runs this one: compiled once, not rebuilt per request.
  const sessionAndUser = compiledOnce(db, (value) =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .select(sessionColumns)
      .select(['users.username', 'users.email', 'users.firstName', 'users.lastName', 'users.role', 'users.isActive'])
      .where('sessions.id', '=', value<string>('tokenHash'))
      // A deactivated user's sessions stop working on the very next request.
      .where('users.isActive', '=', true),
  );
  return async (token) => (await sessionAndUser({ tokenHash: hashToken(token) }))[0];
}

/** Lucia's storage: it creates and ends sessions; SessionService.validate reads them itself. */
function kyselyAdapter(db: Database): Adapter {
  return {
    async getSessionAndUser() {
      throw new Error('not used: SessionService.validate reads sessions');
    },
    async getUserSessions() {
      // Lucia's listing would hand back token hashes as ids; SessionService.list is used instead.
      throw new Error('not supported: use SessionService.list');
    },
    async setSession(session) {
      await db
        .insertInto('sessions')
        .values({
          id: hashToken(session.id),
          ...(session.attributes.publicId ? { publicId: session.attributes.publicId } : {}),
          userId: session.userId,
          expiresAt: session.expiresAt,
          userAgent: session.attributes.userAgent ?? null,
          ip: session.attributes.ip ?? null,
        })
        .execute();
    },
    async updateSessionExpiration(token, expiresAt) {
      await db.updateTable('sessions').set({ expiresAt }).where('id', '=', hashToken(token)).execute();
    },
    async deleteSession(token) {
      await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
    },
    async deleteUserSessions(userId) {
      await db.deleteFrom('sessions').where('userId', '=', userId).execute();
    },
    async deleteExpiredSessions() {
      await db.deleteFrom('sessions').where('expiresAt', '<=', new Date()).execute();
    },
  };
}

export class SessionService {
  readonly #db: Database;
  readonly #lookup: SessionLookup;
  readonly #lucia: Lucia<SessionAttributes, Omit<SessionUser, 'id'>>;

  constructor(db: Database) {
    this.#db = db;
    this.#lookup = sessionLookup(db);
    this.#lucia = new Lucia(kyselyAdapter(db), {
      sessionExpiresIn: new TimeSpan(SESSION_DAYS, 'd'),
      sessionCookie: { name: SESSION_COOKIE, attributes: { secure: true, sameSite: 'lax' } },
      getSessionAttributes: (a) => ({
        publicId: a.publicId ?? '',
        createdAt: a.createdAt ?? new Date(0),
        lastUsedAt: a.lastUsedAt ?? new Date(0),
        userAgent: a.userAgent ?? null,
        ip: a.ip ?? null,
      }),
      getUserAttributes: (a) => a,
    });
  }

  async create(userId: string, client: { userAgent: string | null; ip: string | null }): Promise<IssuedToken> {
    const token = generateIdFromEntropySize(25);
    const publicId = randomUUID();
    const session = await this.#lucia.createSession(userId, { ...client, publicId }, { sessionId: token });
    return { token, expiresAt: session.expiresAt, publicId };
  }

  /**
   * The live session and its (active) user for a token, or null. Lucia's rules, applied here
   * without its copies of every row since every signed-in request runs this: an expired
   * session is deleted; one past half its life is extended by the full period and marked fresh.
   */
  async validate(token: string): Promise<{ session: SessionInfo & { fresh: boolean }; user: SessionUser } | null> {
    const row = await this.#lookup(token);
    if (!row) return null;
    const now = Date.now();
    if (now >= row.expiresAt.getTime()) {
      await this.invalidate(token);
      return null;
    }
    const fresh = now >= row.expiresAt.getTime() - SESSION_MS / 2;
    const expiresAt = fresh ? new Date(now + SESSION_MS) : row.expiresAt;
    const lastUsedStale = now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS;
    if (fresh || lastUsedStale) {
      await this.#db
        .updateTable('sessions')
        .set({ ...(fresh ? { expiresAt } : {}), ...(lastUsedStale ? { lastUsedAt: new Date(now) } : {}) })
        .where('id', '=', hashToken(token))
        .execute();
    }
    return {
      session: {
        publicId: row.publicId,
        expiresAt,
        createdAt: row.createdAt,
        lastUsedAt: row.lastUsedAt,
        userAgent: row.userAgent,
        ip: row.ip,
        fresh,
      },
      user: {
        id: row.userId,
        username: row.username,
        email: row.email,
        firstName: row.firstName,
        lastName: row.lastName,
        role: row.role,
        isActive: row.isActive,
      },
    };
  }

  /** A new token for the same session (same public id); the old token stops working at once. */
  async rotate(token: string): Promise<IssuedToken | null> {
    const next = generateIdFromEntropySize(25);
    const expiresAt = new Date(Date.now() + SESSION_MS);
    const row = await this.#db
      .updateTable('sessions')
      .set({ id: hashToken(next), expiresAt, lastUsedAt: new Date() })
      .where('id', '=', hashToken(token))
      .where('expiresAt', '>', new Date())
      .returning('publicId')
      .executeTakeFirst();
    return row ? { token: next, expiresAt, publicId: row.publicId } : null;
  }

  async invalidate(token: string): Promise<void> {
    await this.#lucia.invalidateSession(token);
  }

  async invalidateAll(userId: string): Promise<void> {
    await this.#lucia.invalidateUserSessions(userId);
  }

  /** Ends every session of the user but one (a password change keeps the caller signed in). */
  async invalidateOthers(userId: string, keepPublicId: string): Promise<void> {
    await this.#db.deleteFrom('sessions').where('userId', '=', userId).where('publicId', '!=', keepPublicId).execute();
  }

  /** Ends one of the user's sessions by its public id; false when the user has no such session. */
  async revoke(userId: string, publicId: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom('sessions')
      .where('userId', '=', userId)
      .where('publicId', '=', publicId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async list(userId: string): Promise<SessionInfo[]> {
    return this.#db
      .selectFrom('sessions')
      .select(['publicId', 'expiresAt', 'createdAt', 'lastUsedAt', 'userAgent', 'ip'])
      .where('userId', '=', userId)
      .where('expiresAt', '>', new Date())
      .orderBy('lastUsedAt', 'desc')
      .orderBy('publicId')
      .execute();
  }

  /** Set-Cookie value carrying the token for browsers (HttpOnly, Secure, SameSite=Lax, __Host-). */
  cookie(token: string): string {
    return this.#lucia.createSessionCookie(token).serialize();
  }

  blankCookie(): string {
    return this.#lucia.createBlankSessionCookie().serialize();
  }

  /** The token in a Cookie header, if any. */
  readCookie(cookieHeader: string | undefined): string | null {
    return readCookieValue(cookieHeader, this.#lucia.sessionCookieName) || null;
  }

  readBearer(authorization: string | undefined): string | null {
    return authorization ? this.#lucia.readBearerToken(authorization) : null;
  }
}

const services = new WeakMap<Database, SessionService>();

/** One SessionService per database handle. */
export function sessionsFor(db: Database): SessionService {
  let service = services.get(db);
  if (!service) {
    service = new SessionService(db);
    services.set(db, service);
  }
  return service;
}

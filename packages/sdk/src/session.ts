import type { TRPCLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import type { ClientRouter } from './client-router';
import { type CarhubClient, type ClientOptions, createClient } from './create-client';
import { isApiError } from './errors';

type MaybePromise<T> = T | Promise<T>;
type Inputs = inferRouterInputs<ClientRouter>;
type SignedIn = inferRouterOutputs<ClientRouter>['auth']['login'];

/** What a session keeps between page loads: the token and when it expires. */
export interface StoredSession {
  token: string;
  expiresAt: Date;
}

/** Where a session keeps its token: memory (the default), `localStorage`, a file, React Native's storage. */
export interface SessionStorage {
  load(): MaybePromise<StoredSession | null>;
  save(session: StoredSession | null): MaybePromise<void>;
}

/** Why the session changed: `onChange` is told with the new session (null when signed out). */
export type SessionChange = 'signed-in' | 'refreshed' | 'signed-out' | 'ended';

export interface SessionOptions extends Omit<ClientOptions, 'token' | 'getToken' | 'credentials'> {
  /** Where the token is kept; memory unless given (`webStorage(localStorage)` in a browser). */
  storage?: SessionStorage;
  /**
   * Told of every change: sign-in, a refreshed token, sign-out, and `'ended'` when the server
   * answered 401 to a signed-in call (expired, revoked, or the user was deactivated).
   */
  onChange?: (session: StoredSession | null, why: SessionChange) => void;
  /** Refresh the token when it expires within this many milliseconds (default one day). */
  refreshWithinMs?: number;
}

export interface Session {
  /** The client that signs its calls with the session's token. */
  readonly client: CarhubClient;
  /** Signs in (`auth.login`) and keeps the new session. */
  signIn(input: Inputs['auth']['login']): Promise<SignedIn>;
  /** Signs up (`auth.register`) and keeps the new session. */
  signUp(input: Inputs['auth']['register']): Promise<SignedIn>;
  /** Ends the session on the server (`auth.logout`, best effort) and forgets it here. */
  signOut(): Promise<void>;
  /** The token to send now, refreshed first when it is close to expiring; null when signed out. */
  getToken(): Promise<string | null>;
  /** The kept session, as stored. */
  current(): Promise<StoredSession | null>;
  /** Rotates the token now through `auth.refresh`. */
  refresh(): Promise<StoredSession | null>;
}

/** Keeps the session in memory only: it ends with the page or process. */
export function memoryStorage(initial: StoredSession | null = null): SessionStorage {
  let kept = initial;
  return {
    load: () => kept,
    save: (session) => {
      kept = session;
    },
  };
}

/** A key-value store: `localStorage`, `sessionStorage`, or an async one such as React Native's AsyncStorage. */
export interface KeyValueStore {
  getItem(key: string): MaybePromise<string | null>;
  setItem(key: string, value: string): MaybePromise<void>;
  removeItem(key: string): MaybePromise<void>;
}

/** Keeps the session as JSON under `key` in a key-value store (`localStorage` survives reloads). */
export function webStorage(store: KeyValueStore, key = 'carhub.session'): SessionStorage {
  return {
    async load() {
      const text = await store.getItem(key);
      if (!text) return null;
      try {
        const parsed = JSON.parse(text) as { token?: unknown; expiresAt?: unknown };
        const expiresAt = typeof parsed.expiresAt === 'string' ? new Date(parsed.expiresAt) : null;
        if (typeof parsed.token !== 'string' || !expiresAt || Number.isNaN(expiresAt.getTime())) return null;
        return { token: parsed.token, expiresAt };
      } catch {
        return null;
      }
    },
    async save(session) {
      if (session) await store.setItem(key, JSON.stringify(session));
      else await store.removeItem(key);
    },
  };
}

const DAY_MS = 86_400_000;
/** Calls whose 401 says "wrong credentials", not "your session ended". */
const CREDENTIAL_CALLS = new Set(['auth.login', 'auth.register', 'auth.resetPassword', 'auth.requestPasswordReset']);

/**
 * A signed-in client that looks after its token: keeps it in `storage`, refreshes it with
 * `auth.refresh` before it expires (checked before each call, no timers), and forgets it
 * (telling `onChange`) when the server answers a signed-in call with 401.
 *
 * @example
 * const session = createSession({ url, storage: webStorage(localStorage), onChange: (s) => setSignedIn(!!s) });
 * await session.signIn({ identifier: 'ada', password });
 * const me = await session.client.auth.me.query();
 */
export function createSession(options: SessionOptions): Session {
  const { storage = memoryStorage(), onChange, refreshWithinMs = DAY_MS, ...clientOptions } = options;
  let loaded: Promise<StoredSession | null> | undefined;
  let refreshing: Promise<StoredSession | null> | undefined;

  const current = (): Promise<StoredSession | null> => {
    loaded ??= Promise.resolve(storage.load());
    return loaded;
  };
  const keep = async (session: StoredSession | null, why: SessionChange) => {
    loaded = Promise.resolve(session);
    await storage.save(session);
    onChange?.(session, why);
  };

  // Calls that carry a token of their own (sign-out, refresh) go through this one.
  const bare = (token: string) => createClient({ ...clientOptions, links: [], token });

  const refresh = (): Promise<StoredSession | null> => {
    refreshing ??= (async () => {
      const session = await current();
      if (!session) return null;
      try {
        const rotated = await bare(session.token).auth.refresh.mutate();
        // Only if nobody signed in or out meanwhile.
        if ((await current())?.token !== session.token) return current();
        const next = { token: rotated.token, expiresAt: rotated.expiresAt };
        await keep(next, 'refreshed');
        return next;
      } catch (error) {
        if (isApiError(error, 'UNAUTHORIZED')) {
          if ((await current())?.token === session.token) await keep(null, 'ended');
          return null;
        }
        throw error;
      }
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };

  const getToken = async (): Promise<string | null> => {
    const session = await current();
    if (!session) return null;
    const left = session.expiresAt.getTime() - Date.now();
    if (left <= 0) {
      await keep(null, 'ended');
      return null;
    }
    if (left > refreshWithinMs) return session.token;
    try {
      return (await refresh())?.token ?? null;
    } catch {
      // The server could not be reached: the old token is still valid until it expires.
      return session.token;
    }
  };

  // A 401 to a call that went out with the session's token ends the session.
  const endOn401: TRPCLink<ClientRouter> =
    () =>
    ({ op, next }) =>
      observable((observer) => {
        const sentWith = current().then((s) => s?.token);
        return next(op).subscribe({
          next: (value) => observer.next(value),
          complete: () => observer.complete(),
          error: (error) => {
            if (!isApiError(error, 'UNAUTHORIZED') || CREDENTIAL_CALLS.has(op.path)) {
              observer.error(error);
              return;
            }
            void sentWith
              .then(async (token) => {
                if (token !== undefined && (await current())?.token === token) await keep(null, 'ended');
              })
              .catch(() => {})
              .finally(() => observer.error(error));
          },
        });
      });

  const client = createClient({ ...clientOptions, getToken, links: [endOn401, ...(clientOptions.links ?? [])] });

  const signedIn = async (result: SignedIn) => {
    await keep({ token: result.token, expiresAt: result.expiresAt }, 'signed-in');
    return result;
  };

  return {
    client,
    signIn: async (input) => signedIn(await client.auth.login.mutate(input)),
    signUp: async (input) => signedIn(await client.auth.register.mutate(input)),
    async signOut() {
      const session = await current();
      if (!session) return;
      try {
        await bare(session.token).auth.logout.mutate();
      } catch {
        // Gone already, or offline: forgotten here either way.
      }
      await keep(null, 'signed-out');
    },
    getToken,
    current,
    refresh,
  };
}

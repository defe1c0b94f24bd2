import {
  createTRPCClient,
  type HTTPLinkOptions,
  httpBatchLink,
  httpLink,
  isNonJsonSerializable,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import superjson from 'superjson';
import type { ClientRouter } from './client-router';

/** The server refuses a batch of more calls than this (apps/server MAX_BATCH_SIZE); larger bursts are split. */
const MAX_BATCH_ITEMS = 50;
/** Batched queries travel in the URL; longer ones are split so no proxy refuses the URL. */
const MAX_URL_LENGTH = 8000;

/** The typed client: `client.auth.login.mutate(...)`, `client.auth.me.query()`, ... */
export type CarhubClient = TRPCClient<ClientRouter>;

type MaybePromise<T> = T | Promise<T>;

/** Header names and values, sent with every request. */
export type HeaderRecord = Record<string, string>;

/** A `fetch` the client may use instead of the global one (tests, older runtimes, instrumentation). */
export type FetchLike = NonNullable<HTTPLinkOptions<ClientRouter['_def']['_config']['$types']>['fetch']>;

export interface ClientOptions {
  /** The server's address, e.g. `https://cars.example.com`; `/trpc` is added unless the URL already ends with it. */
  url: string;
  /** A session token (from `auth.login` or `auth.register`), sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Called before every request for the current token, so a client can outlive one sign-in. Nullish sends none. */
  getToken?: () => MaybePromise<string | null | undefined>;
  fetch?: FetchLike;
  /** Extra headers for every request; a function is called per request. */
  headers?: HeaderRecord | (() => MaybePromise<HeaderRecord>);
}

/** The tRPC endpoint under a server's base URL. */
export function trpcEndpoint(url: string): string {
  const base = url.replace(/\/+$/, '');
  return base.endsWith('/trpc') ? base : `${base}/trpc`;
}

/**
 * Creates a typed client for the carhub API.
 *
 * Calls made together are batched into one request; `FormData` inputs (photo uploads) go
 * alone through a plain request, since a batch carries only JSON.
 */
export function createClient(options: ClientOptions): CarhubClient {
  if (options.token !== undefined && options.getToken !== undefined) {
    throw new TypeError('createClient: pass either `token` or `getToken`, not both.');
  }
  const url = trpcEndpoint(options.url);

  const headers = async (): Promise<HeaderRecord> => {
    const extra = typeof options.headers === 'function' ? await options.headers() : (options.headers ?? {});
    const token = options.getToken ? await options.getToken() : options.token;
    if (!token) return extra;
    // The token wins over an Authorization header given another way, in whatever letter case.
    const others = Object.entries(extra).filter(([name]) => name.toLowerCase() !== 'authorization');
    return { ...Object.fromEntries(others), authorization: `Bearer ${token}` };
  };
  const http = { url, transformer: superjson, headers, ...(options.fetch ? { fetch: options.fetch } : {}) };

  return createTRPCClient<ClientRouter>({
    links: [
      splitLink({
        condition: (op) => isNonJsonSerializable(op.input),
        true: httpLink(http),
        false: httpBatchLink({ ...http, maxItems: MAX_BATCH_ITEMS, maxURLLength: MAX_URL_LENGTH }),
      }),
    ],
  });
}

import {
  createTRPCClient,
  type HTTPLinkOptions,
  httpBatchLink,
  httpLink,
  isNonJsonSerializable,
  type Operation,
  splitLink,
  type TRPCClient,
  type TRPCLink,
} from '@trpc/client';
import superjson from 'superjson';
import type { ClientRouter } from './client-router';
import { withReadableErrors } from './error-responses';
import { idempotencyKeyOf } from './idempotency';
import { fetchWithUploadProgress, uploadProgressOf } from './upload-progress';

/** The server refuses a batch of more calls than this (apps/server MAX_BATCH_SIZE); larger bursts are split. */
const MAX_BATCH_ITEMS = 10;
/** Batched queries travel in the URL; longer ones are split so no proxy refuses the URL. */
const MAX_URL_LENGTH = 8000;

/** The typed client: `client.auth.login.mutate(...)`, `client.auth.me.query()`, ... */
export type CarhubClient = TRPCClient<ClientRouter>;

type MaybePromise<T> = T | Promise<T>;

/** Header names and values, sent with every request. */
export type HeaderRecord = Record<string, string>;

/** A `fetch` the client may use instead of the global one (tests, older runtimes, instrumentation). */
export type FetchLike = NonNullable<HTTPLinkOptions<ClientRouter['_def']['_config']['$types']>['fetch']>;

/**
 * The global fetch as tRPC's links call it: their init type lets `signal` be `undefined` where
 * the DOM's RequestInit wants `null` (looked up per call, so a fetch installed later is used).
 */
export const globalFetch: FetchLike = (input, init) =>
  globalThis.fetch(input, init && { ...init, signal: init.signal ?? null });

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
  /**
   * Cookie mode for browsers: `'include'` sends and accepts the session cookie on calls to
   * another origin (the server must list your app's origin in `CORS_ORIGINS`). Passed to
   * every `fetch` as its `credentials`; the browser default is `'same-origin'`.
   */
  credentials?: 'include' | 'same-origin' | 'omit';
  /**
   * Your own links (a logger, a retry), run in this order before the SDK's transport. Each
   * sees every call's `op` (path, input, `context`) and its result or error.
   */
  links?: TRPCLink<ClientRouter>[];
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

  const baseHeaders = async (): Promise<HeaderRecord> => {
    const extra = typeof options.headers === 'function' ? await options.headers() : (options.headers ?? {});
    const token = options.getToken ? await options.getToken() : options.token;
    if (!token) return extra;
    // The token wins over an Authorization header given another way, in whatever letter case.
    const others = Object.entries(extra).filter(([name]) => name.toLowerCase() !== 'authorization');
    return { ...Object.fromEntries(others), authorization: `Bearer ${token}` };
  };
  // A call's idempotency key travels as a header; such calls go unbatched (see below), so the
  // header belongs to exactly one call.
  const singleHeaders = async ({ op }: { op: Operation }): Promise<HeaderRecord> => {
    const headers = await baseHeaders();
    const key = idempotencyKeyOf(op);
    return key === undefined ? headers : { ...headers, 'idempotency-key': key };
  };

  const given = options.fetch ?? globalFetch;
  const credentials = options.credentials;
  const withCredentials: FetchLike = credentials ? (input, init) => given(input, { ...init, credentials }) : given;
  const transport = withCredentials as Parameters<typeof withReadableErrors>[0];
  const fetch = withReadableErrors(transport, url) as FetchLike;
  const http = { url, transformer: superjson, fetch };
  // A single call (an upload, a keyed create); an upload with a progress listener goes through
  // a transport that reports the bytes sent (see upload-progress.ts).
  const single: TRPCLink<ClientRouter> = (runtime) => {
    const plain = httpLink({ ...http, headers: singleHeaders })(runtime);
    return (call) => {
      const listener = uploadProgressOf(call.op);
      if (!listener) return plain(call);
      const counted = fetchWithUploadProgress(transport, listener, credentials);
      const reporting = withReadableErrors(counted, url) as FetchLike;
      return httpLink({ ...http, fetch: reporting, headers: singleHeaders })(runtime)(call);
    };
  };

  return createTRPCClient<ClientRouter>({
    links: [
      ...(options.links ?? []),
      splitLink({
        // FormData can't travel in a batch; a keyed call must not share its request (and its
        // Idempotency-Key header) with other calls.
        condition: (op) => isNonJsonSerializable(op.input) || idempotencyKeyOf(op) !== undefined,
        true: single,
        false: httpBatchLink({
          ...http,
          headers: baseHeaders,
          maxItems: MAX_BATCH_ITEMS,
          maxURLLength: MAX_URL_LENGTH,
        }),
      }),
    ],
  });
}

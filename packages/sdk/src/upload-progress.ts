import type { Operation } from '@trpc/client';

/** How much of an upload's request body has been sent so far. */
export interface UploadProgress {
  /** Bytes sent. */
  loaded: number;
  /** Bytes in the whole request body (the multipart encoding of the file and its fields). */
  total: number;
}

export type UploadProgressListener = (progress: UploadProgress) => void;

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
type Credentials = 'include' | 'same-origin' | 'omit';

/** The part of the browser's XMLHttpRequest used here (declared so Node builds need no DOM types). */
interface Xhr {
  open(method: string, url: string): void;
  responseType: string;
  withCredentials: boolean;
  setRequestHeader(name: string, value: string): void;
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  ontimeout: (() => void) | null;
  readonly status: number;
  readonly statusText: string;
  readonly response: unknown;
  getAllResponseHeaders(): string;
  abort(): void;
  send(body: unknown): void;
}

/** The call's upload-progress listener (`context.onUploadProgress`), if it has one. */
export function uploadProgressOf(op: Pick<Operation, 'context' | 'path'>): UploadProgressListener | undefined {
  const listener = op.context.onUploadProgress;
  if (listener === undefined) return undefined;
  if (typeof listener !== 'function') {
    throw new TypeError(`${op.path}: context.onUploadProgress must be a function, not ${typeof listener}.`);
  }
  return listener as UploadProgressListener;
}

/**
 * A fetch that reports its request body's bytes as they go out. `fetch` has no upload events,
 * so in a browser the request is an XMLHttpRequest (its `upload` progress events); where
 * there is none (Node), `fetch` sends the body as a stream, counted as the transport pulls it.
 */
export function fetchWithUploadProgress(
  fetch: Fetch,
  listener: UploadProgressListener,
  credentials: Credentials | undefined,
): Fetch {
  const XhrConstructor = (globalThis as { XMLHttpRequest?: new () => Xhr }).XMLHttpRequest;
  if (XhrConstructor) return (input, init) => sendWithXhr(XhrConstructor, listener, credentials, input, init);
  return (input, init) => sendCounted(fetch, listener, input, init);
}

/** Statuses whose Response may not have a body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

function responseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

function sendWithXhr(
  XhrConstructor: new () => Xhr,
  listener: UploadProgressListener,
  credentials: Credentials | undefined,
  input: string | URL | Request,
  init: RequestInit = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const signal = init.signal;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const xhr = new XhrConstructor();
    xhr.open(init.method ?? 'GET', input instanceof Request ? input.url : String(input));
    xhr.responseType = 'arraybuffer';
    xhr.withCredentials = credentials === 'include';
    for (const [name, value] of new Headers(init.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) =>
      listener({ loaded: event.loaded, total: event.lengthComputable ? event.total : event.loaded });
    xhr.onload = () =>
      resolve(
        new Response(NULL_BODY.has(xhr.status) ? null : (xhr.response as ArrayBuffer), {
          status: xhr.status,
          statusText: xhr.statusText,
          headers: responseHeaders(xhr.getAllResponseHeaders()),
        }),
      );
    // As fetch does: a network failure is a TypeError, an abort the signal's reason.
    xhr.onerror = () => reject(new TypeError('Failed to fetch'));
    xhr.ontimeout = xhr.onerror;
    signal?.addEventListener('abort', () => {
      xhr.abort();
      reject(signal.reason);
    });
    xhr.send(init.body ?? null);
  });
}

/** Pieces of the body handed to the transport at a time. */
const CHUNK_BYTES = 64 * 1024;

async function sendCounted(
  fetch: Fetch,
  listener: UploadProgressListener,
  input: string | URL | Request,
  init: RequestInit = {},
): Promise<Response> {
  if (init.body === undefined || init.body === null) return fetch(input, init);
  // Encode the body once (a FormData becomes multipart with its boundary) to know its size.
  const encoded = new Request('http://upload.invalid/', { method: 'POST', body: init.body });
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  const headers = new Headers(init.headers);
  const type = encoded.headers.get('content-type');
  if (type && !headers.has('content-type')) headers.set('content-type', type);
  const total = bytes.byteLength;
  let loaded = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (loaded >= total) {
          controller.close();
          return;
        }
        const piece = bytes.subarray(loaded, loaded + CHUNK_BYTES);
        loaded += piece.byteLength;
        controller.enqueue(piece);
        listener({ loaded, total });
      },
    },
    { highWaterMark: 0 },
  );
  // A streamed request body needs `duplex: 'half'` (not yet in TypeScript's RequestInit).
  return fetch(input, { ...init, headers, body, duplex: 'half' } as RequestInit);
}

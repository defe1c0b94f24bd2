import type { Database } from '@carhub/db';

/** What a resolver may need that is not the input. Built without HTTP, so tests can call procedures directly. */
export interface ContextInner {
  db: Database;
}

export interface Context extends ContextInner {
  /** The request id the server logs under; null outside HTTP. */
  requestId: string | null;
}

export function createContextInner(inner: ContextInner): Context {
  return { ...inner, requestId: null };
}

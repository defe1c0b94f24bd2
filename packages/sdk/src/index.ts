import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { ClientRouter } from './client-router';

export type { ApiErrorShape, ClientRouter } from './client-router';
export {
  type CarhubClient,
  type ClientOptions,
  createClient,
  type FetchLike,
  type HeaderRecord,
} from './create-client';
export {
  API_ERROR_CODES,
  type ApiError,
  type ApiErrorCode,
  type ApiErrorDetails,
  type FieldErrors,
  isApiError,
} from './errors';

/** Every procedure's input, by path: `RouterInputs['auth']['register']`. */
export type RouterInputs = inferRouterInputs<ClientRouter>;
/** Every procedure's output, by path: `RouterOutputs['auth']['me']` (instants are `Date`s). */
export type RouterOutputs = inferRouterOutputs<ClientRouter>;

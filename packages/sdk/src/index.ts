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
  type AnyProcedure,
  API_ERROR_CODES,
  type ApiError,
  type ApiErrorCode,
  type ApiErrorDetails,
  type FieldErrors,
  type FieldPath,
  type InputOf,
  isAbortError,
  isApiError,
  isBadRequest,
  isConflict,
  isForbidden,
  isNetworkError,
  isNotFound,
  isPayloadTooLarge,
  isServerError,
  isTooManyRequests,
  isUnauthorized,
} from './errors';
export { type PagedProcedure, type PageInput, paginate } from './paginate';
export {
  createSession,
  type KeyValueStore,
  memoryStorage,
  type Session,
  type SessionChange,
  type SessionOptions,
  type SessionStorage,
  type StoredSession,
  webStorage,
} from './session';
export { type PhotoUpload, type PhotoUploadOptions, type PhotoUploadResult, uploadPhoto } from './upload';
export type { UploadProgress, UploadProgressListener } from './upload-progress';

/** Every procedure's input, by path: `RouterInputs['auth']['register']`. */
export type RouterInputs = inferRouterInputs<ClientRouter>;
/** Every procedure's output, by path: `RouterOutputs['auth']['me']` (instants are `Date`s). */
export type RouterOutputs = inferRouterOutputs<ClientRouter>;

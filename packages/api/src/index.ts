export {
  type Auth,
  type AuthVia,
  type Context,
  type ContextInput,
  type CookieJar,
  createContextInner,
} from './context';
export { type CsvColumn, type CsvValue, csvCell, csvLines, csvRow } from './csv/csv-writer';
export { API_KEY_PREFIX } from './domain/api-keys/keys';
export { apiKeyScopes, assertCallerMay } from './domain/api-keys/scopes';
export { SESSION_COOKIE, sessionsFor } from './domain/auth/sessions';
export { addAttempts, type Counted, countAttempt, type ThrottleRule, throttleKey } from './domain/auth/throttle';
export {
  CALENDAR_FEED_PATH,
  FEED_SECRET_PATTERN,
  type IcsEvent,
  renderCalendar,
  renderFeed,
} from './domain/calendar/index';
// The route that takes multipart uploads documents its answer with it.
export { type CarOutput, carOutput } from './domain/cars/schemas';
export { type CsvExport, csvExports, EXPORT_BATCH_SIZE, runCsvExport } from './domain/exports/index';
export { idempotencyKeyHeaders } from './domain/idempotency/idempotency';
export { logbookCsv } from './domain/logbook/logbook-export';
// The attachment download route checks access and reads the bytes through these.
export { type AttachmentDownload, openAttachment } from './domain/logbook/services/attachments';
export { serviceOutput } from './domain/logbook/services/schemas';
export { type PruneOptions, type PruneRule, pruneExpired, pruneRules } from './domain/maintenance/prune';
export { createPruner, type Pruner, type PrunerOptions } from './domain/maintenance/pruner';
export {
  ORPHAN_MIN_AGE_MS,
  objectKeyColumns,
  type StorageSweep,
  sweepStorage,
} from './domain/maintenance/storage-janitor';
export * from './domain/notifications/index';
export { JobLimiter } from './domain/photos/job-limiter';
export {
  ACCEPTED_IMAGE_TYPES,
  type AcceptedImageType,
  imageJobs,
  type ProcessedImage,
  type ProcessedUpload,
  type ProcessUploadOptions,
  processUpload,
} from './domain/photos/process-upload';
export { assertUploadSize, DEFAULT_UPLOAD_MAX_BYTES } from './domain/photos/upload-size';
export { normalizeCommissionRate } from './domain/users/commission-rate';
export { createManagedUser } from './domain/users/manage-users';
export { insertUser, type NewUser } from './domain/users/queries';
export { AppError, type AppErrorCode, appErrorOf, knownFailure, retryableCauseOf, toTRPCError } from './errors';
export { createBookingShapes, nameOpenApiSchemas } from './openapi-components';
export { type ErrorStatus, errorResponses, type OpenApiMeta } from './openapi-meta';
export { assertAccess, type ProcedureAccess, procedureAccess } from './procedure-access';
export { type AppRouter, appRouter, createCaller } from './root';
export { importStockOutput } from './routers/inventory/import.schema';
export { DEMO_PASSWORD, demoUsers, type SeedOptions, type SeedReport, seedDemoData } from './seed/demo';
export { type ApiSettings, defaultSettings } from './settings';
export * from './storage/index';
export { createTRPCRouter, publicProcedure } from './trpc';

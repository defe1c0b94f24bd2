export { API_KEY_PREFIX } from './api-keys/keys';
export { apiKeyScopes, assertCallerMay } from './api-keys/scopes';
export { SESSION_COOKIE, sessionsFor } from './auth/sessions';
export { addAttempts, countAttempt, type ThrottleRule, throttleKey } from './auth/throttle';
export { CALENDAR_FEED_PATH, FEED_SECRET_PATTERN, type IcsEvent, renderCalendar, renderFeed } from './calendar/index';
export {
  type Auth,
  type AuthVia,
  type Context,
  type ContextInput,
  type CookieJar,
  createContextInner,
} from './context';
export { type CsvColumn, type CsvValue, csvCell, csvLines, csvRow } from './csv/csv-writer';
export { AppError, type AppErrorCode, appErrorOf, knownFailure, retryableCauseOf, toTRPCError } from './errors';
export { type CsvExport, csvExports, EXPORT_BATCH_SIZE, runCsvExport } from './exports/index';
export { idempotencyKeyHeaders } from './idempotency/idempotency';
export { type PruneOptions, type PruneRule, pruneExpired, pruneRules } from './maintenance/prune';
export { createPruner, type Pruner } from './maintenance/pruner';
export * from './notifications/index';
export { createBookingShapes, nameOpenApiSchemas } from './openapi-components';
export { type ErrorStatus, errorResponses, type OpenApiMeta } from './openapi-meta';
export { JobLimiter } from './photos/job-limiter';
export {
  ACCEPTED_IMAGE_TYPES,
  type AcceptedImageType,
  imageJobs,
  type ProcessedImage,
  type ProcessedUpload,
  type ProcessUploadOptions,
  processUpload,
} from './photos/process-upload';
export { assertUploadSize, DEFAULT_UPLOAD_MAX_BYTES } from './photos/upload-size';
export { assertAccess, type ProcedureAccess, procedureAccess } from './procedure-access';
export { type AppRouter, appRouter, createCaller } from './root';
export { logbookCsv } from './routers/cars/logbook-export';
// The route that takes multipart uploads documents its answer with it.
export { type CarOutput, carOutput } from './routers/cars/schemas';
// The attachment download route checks access and reads the bytes through these.
export { type AttachmentDownload, openAttachment } from './routers/cars/services/attachments';
export { serviceOutput } from './routers/cars/services/schemas';
export { DEMO_PASSWORD, demoUsers, type SeedOptions, type SeedReport, seedDemoData } from './seed/demo';
export { type ApiSettings, defaultSettings } from './settings';
export * from './storage/index';
export { createTRPCRouter, publicProcedure } from './trpc';
export { insertUser, type NewUser } from './users/queries';

export { SESSION_COOKIE, sessionsFor } from './auth/sessions';
export { CALENDAR_FEED_PATH, FEED_SECRET_PATTERN, renderFeed } from './calendar/index';
export {
  type Auth,
  type AuthVia,
  type Context,
  type ContextInput,
  type CookieJar,
  createContextInner,
} from './context';
export { AppError, type AppErrorCode } from './errors';
export * from './notifications/index';
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
export { assertUploadSize } from './photos/upload-size';
export { type AppRouter, appRouter, createCaller } from './root';
export { DEMO_PASSWORD, demoUsers, type SeedReport, seedDemoData } from './seed/demo';
export { type ApiSettings, defaultSettings } from './settings';
export * from './storage/index';
export { createTRPCRouter, publicProcedure } from './trpc';
export { insertUser, type NewUser } from './users/queries';

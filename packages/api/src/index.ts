export { SESSION_COOKIE, sessionsFor } from './auth/sessions';
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
export { type AppRouter, appRouter, createCaller } from './root';
export { DEMO_PASSWORD, demoUsers, type SeedReport, seedDemoData } from './seed/demo';
export { type ApiSettings, defaultSettings } from './settings';
export { insertUser, type NewUser } from './users/queries';

export { type Context, type ContextInner, createContextInner } from './context';
export { AppError, type AppErrorCode } from './errors';
export { type AppRouter, appRouter, createCaller } from './root';
export { DEMO_PASSWORD, demoUsers, type SeedReport, seedDemoData } from './seed/demo';
export * from './storage/index';
export { insertUser, type NewUser } from './users/queries';

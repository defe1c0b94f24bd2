export { type Context, type ContextInner, createContextInner } from './context';
export { AppError, type AppErrorCode } from './errors';
export { type ErrorStatus, errorResponses, type OpenApiMeta } from './openapi-meta';
export { type AppRouter, appRouter, createCaller } from './root';
export { DEMO_PASSWORD, demoUsers, type SeedReport, seedDemoData } from './seed/demo';
export { createTRPCRouter, publicProcedure } from './trpc';
export { insertUser, type NewUser } from './users/queries';

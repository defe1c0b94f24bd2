import { createTRPCRouter } from '../../trpc';
import { adminApiKeysRouter } from './api-keys/router';
import { auditRouter } from './audit/router';
import { usersRouter } from './users/router';
import { webhooksRouter } from './webhooks/router';

export const adminRouter = createTRPCRouter({
  webhooks: webhooksRouter,
  users: usersRouter,
  audit: auditRouter,
  apiKeys: adminApiKeysRouter,
});

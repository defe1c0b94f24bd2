import { createTRPCRouter } from '../../trpc';
import { adminApiKeysRouter } from './api-keys/router';
import { auditRouter } from './audit/router';
import { dashboard } from './dashboard';
import { showroomRouter } from './showroom/router';
import { usersRouter } from './users/router';
import { webhooksRouter } from './webhooks/router';

export const adminRouter = createTRPCRouter({
  dashboard,
  webhooks: webhooksRouter,
  users: usersRouter,
  audit: auditRouter,
  showroom: showroomRouter,
  apiKeys: adminApiKeysRouter,
});

import { createTRPCRouter } from '../../trpc';
import { webhooksRouter } from './webhooks/router';

export const adminRouter = createTRPCRouter({ webhooks: webhooksRouter });

import { createTRPCRouter } from '../../../trpc';
import { create } from './create';
import { deleteWebhook } from './delete';
import { deliveries } from './deliveries';
import { list } from './list';
import { update } from './update';

export const webhooksRouter = createTRPCRouter({ list, create, update, delete: deleteWebhook, deliveries });

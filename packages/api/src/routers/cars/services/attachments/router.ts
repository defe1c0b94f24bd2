import { createTRPCRouter } from '../../../../trpc';
import { add } from './add';
import { remove } from './remove';

export const serviceAttachmentsRouter = createTRPCRouter({ add, remove });

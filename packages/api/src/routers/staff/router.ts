import { createTRPCRouter } from '../../trpc';
import { create } from './create';
import { list } from './list';
import { metrics } from './metrics';
import { update } from './update';

/** Staff, their commission rates and their sales metrics. */
export const staffRouter = createTRPCRouter({ create, list, update, metrics });

import { createTRPCRouter } from '../../trpc';
import { create } from './create';
import { list } from './list';
import { update } from './update';

/** Staff and their commission rates. staff.metrics joins with sales. */
export const staffRouter = createTRPCRouter({ create, list, update });

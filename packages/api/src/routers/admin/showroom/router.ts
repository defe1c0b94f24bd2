import { createTRPCRouter } from '../../../trpc';
import { get } from './get';
import { update } from './update';

/** The showroom's rules for test drives: read by anyone, changed by admins. */
export const showroomRouter = createTRPCRouter({ get, update });

import { createTRPCRouter } from '../../../trpc';
import { add } from './add';
import { list } from './list';
import { remove } from './remove';
import { stats } from './stats';
import { update } from './update';

/** A car's fill-ups and its consumption. */
export const fuelRouter = createTRPCRouter({ list, add, update, remove, stats });

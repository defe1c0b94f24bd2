import { createTRPCRouter } from '../../../trpc';
import { add } from './add';
import { list } from './list';
import { remove } from './remove';

/** A car's dated odometer readings; its mileage is the latest one. */
export const odometerRouter = createTRPCRouter({ list, add, remove });

import { createTRPCRouter } from '../../../trpc';
import { add } from './add';
import { remove } from './remove';
import { update } from './update';

/** A car's photos, for whoever may change the car (see assertCarEditable). */
export const carPhotosRouter = createTRPCRouter({ add, update, remove });

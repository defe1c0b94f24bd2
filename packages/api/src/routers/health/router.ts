import { createTRPCRouter } from '../../trpc';
import { ping } from './ping';

export const healthRouter = createTRPCRouter({ ping });

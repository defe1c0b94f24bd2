import { createTRPCRouter } from '../../../trpc';
import { complete } from './complete';
import { create } from './create';
import { list } from './list';
import { remove } from './remove';
import { update } from './update';

/** A car's reminders by date or distance; the outbox worker tells the owner when one is due. */
export const remindersRouter = createTRPCRouter({ list, create, update, remove, complete });

import { createTRPCRouter } from '../../trpc';
import { approve } from './approve';
import { cancel } from './cancel';
import { complete } from './complete';
import { create } from './create';
import { decline } from './decline';
import { get } from './get';
import { list } from './list';
import { noShow } from './no-show';
import { reschedule } from './reschedule';

/** Rentals and test drives: who holds which car when, and the workflow around it. */
export const bookingsRouter = createTRPCRouter({
  create,
  list,
  get,
  reschedule,
  cancel,
  approve,
  decline,
  complete,
  noShow,
});

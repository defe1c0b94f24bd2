import { createTRPCRouter } from '../../trpc';
import { create } from './create';
import { get } from './get';
import { list } from './list';
import { update } from './update';

/** Sales of stock, with the seller's commission. Staff and admin; corrections are admin's. */
export const salesRouter = createTRPCRouter({ create, list, get, update });

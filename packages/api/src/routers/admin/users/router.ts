import { createTRPCRouter } from '../../../trpc';
import { userCarsRouter } from './cars/router';
import { create } from './create';
import { deleteUser } from './delete';
import { get } from './get';
import { list } from './list';
import { update } from './update';

export const usersRouter = createTRPCRouter({ list, get, create, update, delete: deleteUser, cars: userCarsRouter });

import { createTRPCRouter } from '../../../../trpc';
import { create } from './create';
import { deleteUserCar } from './delete';
import { list } from './list';
import { update } from './update';

/** Any user's garage, for admins: the rules of cars.* (domain/cars/garage.ts), the garage named by id. */
export const userCarsRouter = createTRPCRouter({ list, create, update, delete: deleteUserCar });

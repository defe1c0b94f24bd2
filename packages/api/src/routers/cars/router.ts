import { createTRPCRouter } from '../../trpc';
import { available } from './available';
import { calendarUrl } from './calendar-url';
import { create } from './create';
import { deleteCar } from './delete';
import { get } from './get';
import { list } from './list';
import { carPhotosRouter } from './photos/router';
import { update } from './update';

/** The signed-in user's garage (admin: any garage car). Stock lives under `inventory`. */
export const carsRouter = createTRPCRouter({
  list,
  // Before get: /api/cars/available must not be read as /api/cars/{id}.
  available,
  get,
  create,
  update,
  delete: deleteCar,
  calendarUrl,
  photos: carPhotosRouter,
});

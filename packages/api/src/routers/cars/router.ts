import { createTRPCRouter } from '../../trpc';
import { available } from './available';
import { calendarUrl } from './calendar-url';
import { costs } from './costs/costs';
import { create } from './create';
import { deleteCar } from './delete';
import { fuelRouter } from './fuel/router';
import { get } from './get';
import { list } from './list';
import { odometerRouter } from './odometer/router';
import { carPhotosRouter } from './photos/router';
import { remindersRouter } from './reminders/router';
import { servicesRouter } from './services/router';
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
  odometer: odometerRouter,
  fuel: fuelRouter,
  services: servicesRouter,
  reminders: remindersRouter,
  costs,
});

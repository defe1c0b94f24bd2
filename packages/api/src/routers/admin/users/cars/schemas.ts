import { z } from 'zod';
import {
  carFields,
  carIdSchema,
  carUpdateFields,
  commonCarFilters,
  garageKeyset,
} from '../../../../domain/cars/schemas';
import { userIdSchema } from '../../../../domain/users/schemas';
import { pageInputShape } from '../../../../pagination';

// The same fields as the owner's own cars.* procedures, with the garage named in the path.
export const listUserCarsInput = z.object({ id: userIdSchema, ...commonCarFilters, ...pageInputShape(garageKeyset) });
export const createUserCarInput = z.object({ id: userIdSchema, ...carFields });
export const updateUserCarInput = z.object({ id: userIdSchema, carId: carIdSchema, ...carUpdateFields });
export const userCarIdInput = z.object({ id: userIdSchema, carId: carIdSchema });

import { z } from 'zod';
import { defineKeyset, type KeysetSort, pageInputShape } from '../../pagination/keyset';
import { availabilityWindowFields, availabilityWindowProblems } from '../bookings/availability';
import {
  bodyTypeSchema,
  carFields,
  carIdSchema,
  carOutput,
  carSortKeys,
  carStatusSchema,
  carUpdateFields,
  commonCarFilters,
  fuelTypeSchema,
  priceSchema,
  transmissionSchema,
} from '../cars/schemas';
import { publicStockStatuses } from '../cars/statuses';

export const stockKeyset = defineKeyset({
  id: 'cars.id',
  keys: { ...carSortKeys, price: { column: 'cars.price', type: 'numeric' } },
  defaultSort: '-createdAt',
});

export type StockSort = KeysetSort<typeof stockKeyset>;

export const listStockInput = z.object({
  ...commonCarFilters,
  minPrice: priceSchema.optional(),
  maxPrice: priceSchema.optional(),
  fuelType: fuelTypeSchema.optional(),
  bodyType: bodyTypeSchema.optional(),
  transmission: transmissionSchema.optional(),
  /** Everyone may ask for available or reserved; staff and admin for sold and removed too. */
  status: carStatusSchema.optional(),
  ...pageInputShape(stockKeyset),
});

/** Stock always has its price, fuel, body and gearbox: the catalogue filters on them. */
export const createStockInput = z.object({
  ...carFields,
  fuelType: fuelTypeSchema,
  bodyType: bodyTypeSchema,
  transmission: transmissionSchema,
  price: priceSchema,
  status: carStatusSchema.optional(),
});

/** As for a garage car, but stock can't lose its fuel, body type, gearbox or price. */
export const updateStockInput = z.object({
  id: carIdSchema,
  ...carUpdateFields,
  fuelType: fuelTypeSchema.optional(),
  bodyType: bodyTypeSchema.optional(),
  transmission: transmissionSchema.optional(),
  price: priceSchema.optional(),
  status: carStatusSchema.optional(),
});

export const removeStockOutput = z.object({
  id: z.uuid(),
  /** `deleted`: gone for good; `removed`: kept (it has bookings or a sale) with status `removed`. */
  outcome: z.enum(['deleted', 'removed']),
});

export const bulkSetStatusInput = z.object({
  ids: z
    .array(carIdSchema, 'ids must be a list of car ids.')
    .min(1, 'Give at least one car id.')
    .max(100, 'At most 100 cars at once.'),
  status: carStatusSchema,
});

export const bulkSetStatusOutput = z.object({ items: z.array(carOutput) });

/** inventory.available: the catalogue's filters, sort and cursor, over a window the car must be free in. */
export const availableStockInput = z
  .object({
    ...availabilityWindowFields,
    ...commonCarFilters,
    minPrice: priceSchema.optional(),
    maxPrice: priceSchema.optional(),
    fuelType: fuelTypeSchema.optional(),
    bodyType: bodyTypeSchema.optional(),
    transmission: transmissionSchema.optional(),
    /** On offer only: available or reserved. */
    status: z.enum(publicStockStatuses, { error: 'status must be available or reserved.' }).optional(),
    ...pageInputShape(stockKeyset),
  })
  .superRefine(availabilityWindowProblems);

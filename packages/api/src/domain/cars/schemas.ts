import { z } from 'zod';
import { defineKeyset, pageInputShape, pageOutput, type SortKey } from '../../pagination/keyset';
import { bodyNumber } from '../../query-params';
import { optionalText, requiredText } from '../../text-fields';
import { availabilityWindowFields, availabilityWindowProblems } from '../bookings/availability';
import { yearProblem } from './car-year';
import { plateProblem } from './plate';
import { normalizePrice, PRICE_PROBLEM } from './price';
import { carStatuses } from './statuses';
import { normalizeVin, vinProblem } from './vin';

export const fuelTypeSchema = z.enum(['petrol', 'diesel', 'hybrid', 'electric', 'lpg', 'other'], {
  error: 'Fuel type must be one of: petrol, diesel, hybrid, electric, lpg, other.',
});
export const bodyTypeSchema = z.enum(
  ['sedan', 'hatchback', 'suv', 'coupe', 'convertible', 'wagon', 'van', 'pickup', 'other'],
  { error: 'Body type must be one of: sedan, hatchback, suv, coupe, convertible, wagon, van, pickup, other.' },
);
export const transmissionSchema = z.enum(['manual', 'automatic'], {
  error: 'Transmission must be manual or automatic.',
});
export const carStatusSchema = z.enum(carStatuses, {
  error: `Status must be one of: ${carStatuses.join(', ')}.`,
});

/** Where to read a problem's message: the rule functions return it, zod reports it on the field. */
function refuseWith<T>(problem: (value: T) => string | null) {
  return (value: T, ctx: z.RefinementCtx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  };
}

export const makeSchema = requiredText('Make', 50);
export const modelSchema = requiredText('Model', 50);
/** Body field: a number, never coerced. Query strings use yearFilterSchema, which coerces. */
export const yearSchema = bodyNumber(z.number('Year must be a number.').superRefine(refuseWith(yearProblem)));
export const colorSchema = optionalText('Colour', 30);
export const licensePlateSchema = z
  .string('Licence plate must be text.')
  .trim()
  .max(20, 'Licence plate must be at most 20 characters.')
  .superRefine(refuseWith(plateProblem));
export const vinSchema = z
  .string('VIN must be text.')
  .max(40, 'VIN must be exactly 17 characters.')
  .transform(normalizeVin)
  .superRefine(refuseWith(vinProblem));
export const mileageSchema = bodyNumber(
  z
    .number('Mileage must be a number.')
    .int('Mileage must be a whole number of kilometres.')
    .min(0, 'Mileage can not be negative.')
    .max(10_000_000, 'Mileage must be at most 10,000,000 km.'),
);
export const notesSchema = optionalText('Notes', 2000);
/** A decimal string with up to two places, answered with exactly two ("500" -> "500.00"). */
export const priceSchema = z
  .string('Price must be a decimal string such as "12500.00".')
  .superRefine(refuseWith((value: string) => (normalizePrice(value) === null ? PRICE_PROBLEM : null)))
  .transform((value) => normalizePrice(value) ?? value);

/** The fields every car has, garage or stock (cars.create). */
export const carFields = {
  make: makeSchema,
  model: modelSchema,
  year: yearSchema,
  color: colorSchema.nullish(),
  licensePlate: licensePlateSchema.nullish(),
  vin: vinSchema.nullish(),
  mileage: mileageSchema.optional(),
  notes: notesSchema.nullish(),
  fuelType: fuelTypeSchema.nullish(),
  bodyType: bodyTypeSchema.nullish(),
  transmission: transmissionSchema.nullish(),
};

export const carIdSchema = z.uuid('Not a car id.');

export const carIdInput = z.object({ id: carIdSchema });

/** Set up for the photos feature: the car output declares their shape now, filled later. */
export const carPhotoOutput = z.object({
  id: z.uuid(),
  url: z.string(),
  thumbnailUrl: z.string(),
  altText: z.string().nullable(),
  position: z.number().int(),
  isPrimary: z.boolean(),
});

export const carOutput = z.object({
  id: z.uuid(),
  /** The owning user; null for dealership stock. */
  ownerId: z.uuid().nullable(),
  make: z.string(),
  model: z.string(),
  year: z.number().int(),
  color: z.string().nullable(),
  licensePlate: z.string().nullable(),
  vin: z.string().nullable(),
  mileage: z.number().int(),
  notes: z.string().nullable(),
  fuelType: fuelTypeSchema.nullable(),
  bodyType: bodyTypeSchema.nullable(),
  transmission: transmissionSchema.nullable(),
  /** Stock only: a decimal string with two places. */
  price: z.string().nullable(),
  /** Stock only. */
  status: carStatusSchema.nullable(),
  /** The primary photo's URL. */
  imageUrl: z.string().nullable(),
  photos: z.array(carPhotoOutput),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type CarOutput = z.infer<typeof carOutput>;

export const yearFilterSchema = z.coerce.number<number>('Year must be a number.').superRefine(refuseWith(yearProblem));

/** Free text over make, model, colour and VIN. */
export const searchSchema = z
  .string()
  .trim()
  .max(100, 'Search text must be at most 100 characters.')
  .optional()
  .transform((value) => (value ? value : undefined));

/** The filters both the garage and the catalogue offer. */
export const commonCarFilters = {
  make: makeSchema.optional(),
  model: modelSchema.optional(),
  minYear: yearFilterSchema.optional(),
  maxYear: yearFilterSchema.optional(),
  q: searchSchema,
};

/** Sort keys every car list offers (all NOT NULL columns). */
export const carSortKeys = {
  createdAt: { column: 'cars.createdAt', type: 'timestamptz' },
  year: { column: 'cars.year', type: 'integer' },
  mileage: { column: 'cars.mileage', type: 'integer' },
} as const satisfies Record<string, SortKey>;

export const garageKeyset = defineKeyset({
  id: 'cars.id',
  keys: { ...carSortKeys, make: { column: 'cars.make', type: 'text' } },
  defaultSort: '-createdAt',
});

export const listCarsInput = z.object({ ...commonCarFilters, ...pageInputShape(garageKeyset) });

export const carPageOutput = pageOutput(carOutput);

/** cars.available: the caller's garage cars free over a window, in the garage's sorts. */
export const availableCarsInput = z
  .object({ ...availabilityWindowFields, ...commonCarFilters, ...pageInputShape(garageKeyset) })
  .superRefine(availabilityWindowProblems);

export const createCarInput = z.object(carFields);

/** What an update may change on any car: every field optional, the optional ones clearable with null. */
export const carUpdateFields = {
  make: makeSchema.optional(),
  model: modelSchema.optional(),
  year: yearSchema.optional(),
  color: carFields.color,
  licensePlate: carFields.licensePlate,
  vin: carFields.vin,
  mileage: mileageSchema.optional(),
  notes: carFields.notes,
  fuelType: carFields.fuelType,
  bodyType: carFields.bodyType,
  transmission: carFields.transmission,
};

export const updateCarInput = z.object({ id: carIdSchema, ...carUpdateFields });

export const deleteCarOutput = z.object({ id: z.uuid(), outcome: z.literal('deleted') });

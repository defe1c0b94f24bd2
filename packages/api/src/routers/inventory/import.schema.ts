import { z } from 'zod';
import { bodyTypeSchema, carStatusSchema, fuelTypeSchema, transmissionSchema } from '../../domain/cars/schemas';
import { formFields } from '../cars/photos/schemas';

/**
 * inventory.import takes a FormData (tRPC carries it as multipart/form-data; the REST route
 * builds one from its own body): the CSV as `file`, and `dryRun` as "true" to only check it.
 */
export const importStockInput = z
  .instanceof(FormData, { message: 'Send the CSV as multipart/form-data with the field file.' })
  .transform(formFields)
  .pipe(
    z.strictObject({
      file: z.file('Attach the CSV file as the field "file".'),
      dryRun: z
        .enum(['true', 'false'], { error: 'dryRun must be "true" or "false".' })
        .optional()
        .transform((value) => value === 'true'),
    }),
  );

export const importRowErrorOutput = z.object({
  /** Data rows count from 1; the header row is not one. */
  row: z.number().int(),
  /** null: the row as a whole (a wrong number of cells). */
  column: z.string().nullable(),
  message: z.string(),
});

export const importedCarOutput = z.object({
  row: z.number().int(),
  make: z.string(),
  model: z.string(),
  year: z.number().int(),
  color: z.string().nullish(),
  licensePlate: z.string().nullish(),
  vin: z.string().nullish(),
  mileage: z.number().int().optional(),
  notes: z.string().nullish(),
  fuelType: fuelTypeSchema,
  bodyType: bodyTypeSchema,
  transmission: transmissionSchema,
  price: z.string(),
  status: carStatusSchema.optional(),
});

export const importStockOutput = z.object({
  dryRun: z.boolean(),
  rowCount: z.number().int(),
  errors: z.array(importRowErrorOutput),
  /** What is (or, in a dry run, would be) created, in file order. */
  cars: z.array(importedCarOutput),
  /** The new cars' ids in file order; empty in a dry run. */
  createdIds: z.array(z.uuid()),
});

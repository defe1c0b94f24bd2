import { z } from 'zod';
import { defineKeyset, pageInputShape, pageOutput } from '../../../pagination/keyset';
import { optionalText } from '../../../text-fields';
import { carIdSchema } from '../../cars/schemas';
import { datePeriodFields, datePeriodInOrder, datePeriodProblem, logDate, odometerKm } from '../logbook-schemas';

export const readingIdSchema = z.uuid('Not an odometer reading id.');

export const readingSourceSchema = z.enum(['manual', 'car', 'fuel', 'service', 'sale']);

export const readingOutput = z.object({
  id: z.uuid(),
  at: z.string(),
  km: z.number().int(),
  note: z.string().nullable(),
  /** What added it: by hand, a mileage change of the car, a fill-up, a service, a sale's copy. */
  source: readingSourceSchema,
});

export const odometerKeyset = defineKeyset({
  id: 'odometerReadings.id',
  keys: { at: { column: 'odometerReadings.at', type: 'date' } },
  defaultSort: '-at',
});

export const listReadingsInput = z
  .object({ id: carIdSchema, ...datePeriodFields, ...pageInputShape(odometerKeyset) })
  .refine(datePeriodInOrder, datePeriodProblem);

export const readingPageOutput = pageOutput(readingOutput);

export const addReadingInput = z.object({
  id: carIdSchema,
  at: logDate('at'),
  km: odometerKm('km'),
  note: optionalText('Note', 500).nullish(),
});

export const removeReadingInput = z.object({ id: carIdSchema, entryId: readingIdSchema });

export const removedOutput = z.object({ id: z.uuid(), mileage: z.number().int() });

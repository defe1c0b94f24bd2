import { z } from 'zod';
import { carIdSchema } from '../../../domain/cars/schemas';
import { datePeriodFields, datePeriodInOrder, datePeriodProblem } from '../../../domain/logbook/logbook-schemas';

export const carCostsInput = z
  .object({ id: carIdSchema, ...datePeriodFields })
  .refine(datePeriodInOrder, datePeriodProblem);

const categoryTotal = z.object({ total: z.string(), count: z.number().int() });

export const carCostsOutput = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  fuel: categoryTotal,
  service: categoryTotal,
  total: z.string(),
  distanceKm: z.number().int(),
  costPerKm: z.string().nullable(),
  months: z.array(z.object({ month: z.string(), fuel: z.string(), service: z.string(), total: z.string() })),
});

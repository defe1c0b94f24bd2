import { z } from 'zod';
import { defineKeyset, pageInputShape, pageOutput } from '../../../pagination/keyset';
import { bodyFlag } from '../../../query-params';
import { optionalText } from '../../../text-fields';
import { carIdSchema } from '../../cars/schemas';
import {
  datePeriodFields,
  datePeriodInOrder,
  datePeriodProblem,
  logDate,
  moneySchema,
  odometerKm,
} from '../logbook-schemas';

export const fuelEntryIdSchema = z.uuid('Not a fill-up id.');

const litersFormat = /^(\d{1,7})(?:\.(\d{1,3}))?$/;
const LITERS_PROBLEM = 'Liters must be an amount like "45.5": more than 0, at most 3 decimals.';

/** numeric(10,3) as a decimal string with exactly three places ("45.5" -> "45.500"). */
export function normalizeLiters(input: string): string | null {
  const match = litersFormat.exec(input.trim());
  if (!match) return null;
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  const text = `${whole}.${(match[2] ?? '').padEnd(3, '0')}`;
  return /^0\.000$/.test(text) ? null : text;
}

export const litersSchema = z
  .string(LITERS_PROBLEM)
  .refine((value) => normalizeLiters(value) !== null, LITERS_PROBLEM)
  .transform((value) => normalizeLiters(value) ?? value);

const fuelFields = {
  at: logDate('at'),
  odometerKm: odometerKm('odometerKm'),
  liters: litersSchema,
  totalCost: moneySchema('totalCost'),
  /** A full tank (default); a partial fill is carried into the next full one. */
  fullTank: bodyFlag.optional(),
  /** A fill-up before this one was not recorded: the stretch it ends is not measured. */
  missedPrevious: bodyFlag.optional(),
  station: optionalText('Station', 200).nullish(),
  notes: optionalText('Notes', 2000).nullish(),
};

export const addFuelInput = z.object({ id: carIdSchema, ...fuelFields });

export const updateFuelInput = z.object({
  id: carIdSchema,
  entryId: fuelEntryIdSchema,
  at: fuelFields.at.optional(),
  odometerKm: fuelFields.odometerKm.optional(),
  liters: fuelFields.liters.optional(),
  totalCost: fuelFields.totalCost.optional(),
  fullTank: fuelFields.fullTank,
  missedPrevious: fuelFields.missedPrevious,
  station: fuelFields.station,
  notes: fuelFields.notes,
});

export const fuelEntryRefInput = z.object({ id: carIdSchema, entryId: fuelEntryIdSchema });

export const fuelEntryOutput = z.object({
  id: z.uuid(),
  carId: z.uuid(),
  at: z.string(),
  odometerKm: z.number().int(),
  /** Decimal string, three places. */
  liters: z.string(),
  /** Decimal string, two places. */
  totalCost: z.string(),
  fullTank: z.boolean(),
  missedPrevious: z.boolean(),
  station: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type FuelEntryOutput = z.infer<typeof fuelEntryOutput>;

export const fuelKeyset = defineKeyset({
  id: 'fuelEntries.id',
  keys: {
    at: { column: 'fuelEntries.at', type: 'date' },
    odometerKm: { column: 'fuelEntries.odometerKm', type: 'integer' },
  },
  defaultSort: '-at',
});

export const listFuelInput = z
  .object({ id: carIdSchema, ...datePeriodFields, ...pageInputShape(fuelKeyset) })
  .refine(datePeriodInOrder, datePeriodProblem);

export const fuelPageOutput = pageOutput(fuelEntryOutput);

export const fuelStatsInput = z
  .object({ id: carIdSchema, ...datePeriodFields })
  .refine(datePeriodInOrder, datePeriodProblem);

export const fuelStatsOutput = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  fillUps: z.number().int(),
  totalLiters: z.string(),
  totalCost: z.string(),
  measuredDistanceKm: z.number().int(),
  measuredLiters: z.string(),
  litersPer100Km: z.string().nullable(),
  kmPerLiter: z.string().nullable(),
  costPerKm: z.string().nullable(),
  segments: z.array(
    z.object({
      fromAt: z.string(),
      toAt: z.string(),
      fromKm: z.number().int(),
      toKm: z.number().int(),
      distanceKm: z.number().int(),
      liters: z.string(),
      cost: z.string(),
      litersPer100Km: z.string(),
      kmPerLiter: z.string(),
    }),
  ),
});

export const removedEntryOutput = z.object({ id: z.uuid() });

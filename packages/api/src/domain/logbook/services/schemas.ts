import { z } from 'zod';
import { defineKeyset, pageInputShape, pageOutput } from '../../../pagination/keyset';
import { optionalText, requiredText } from '../../../text-fields';
import { carIdSchema } from '../../cars/schemas';
import {
  datePeriodFields,
  datePeriodInOrder,
  datePeriodProblem,
  logDate,
  moneySchema,
  odometerKm,
} from '../logbook-schemas';

export const serviceIdSchema = z.uuid('Not a service record id.');
export const attachmentIdSchema = z.uuid('Not an attachment id.');

const itemsSchema = z.array(requiredText('Item', 200), 'Items must be a list of texts.').max(100, 'At most 100 items.');

const serviceFields = {
  at: logDate('at'),
  odometerKm: odometerKm('odometerKm').nullish(),
  title: requiredText('Title', 200),
  items: itemsSchema.optional(),
  /** What it cost; null when unknown (a sale's copy keeps the dealership's costs to itself). */
  cost: moneySchema('cost').nullish(),
  shop: optionalText('Shop', 200).nullish(),
  notes: optionalText('Notes', 4000).nullish(),
};

export const addServiceInput = z.object({ id: carIdSchema, ...serviceFields });

export const updateServiceInput = z.object({
  id: carIdSchema,
  entryId: serviceIdSchema,
  at: serviceFields.at.optional(),
  odometerKm: serviceFields.odometerKm,
  title: serviceFields.title.optional(),
  items: serviceFields.items,
  cost: serviceFields.cost,
  shop: serviceFields.shop,
  notes: serviceFields.notes,
});

export const serviceRefInput = z.object({ id: carIdSchema, entryId: serviceIdSchema });

export const attachmentOutput = z.object({
  id: z.uuid(),
  /** Where to download it (signed in as someone who may see the car); always served as a download. */
  url: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

export const serviceOutput = z.object({
  id: z.uuid(),
  carId: z.uuid(),
  at: z.string(),
  odometerKm: z.number().int().nullable(),
  title: z.string(),
  items: z.array(z.string()),
  cost: z.string().nullable(),
  shop: z.string().nullable(),
  notes: z.string().nullable(),
  attachments: z.array(attachmentOutput),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type ServiceOutput = z.infer<typeof serviceOutput>;

export const serviceKeyset = defineKeyset({
  id: 'serviceRecords.id',
  keys: { at: { column: 'serviceRecords.at', type: 'date' } },
  defaultSort: '-at',
});

export const listServicesInput = z
  .object({ id: carIdSchema, ...datePeriodFields, ...pageInputShape(serviceKeyset) })
  .refine(datePeriodInOrder, datePeriodProblem);

export const servicePageOutput = pageOutput(serviceOutput);

export const removedServiceOutput = z.object({ id: z.uuid() });

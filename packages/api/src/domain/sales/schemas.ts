import { z } from 'zod';
import { defineKeyset, type KeysetSort, pageInputShape, pageOutput } from '../../pagination';
import { periodFields, periodInOrder, periodProblem } from '../../period';
import { optionalText } from '../../text-fields';
import { carIdSchema, priceSchema } from '../cars/schemas';
import { userIdSchema } from '../users/schemas';

export const saleIdSchema = z.uuid('Not a sale id.');

const notesSchema = optionalText('notes', 2000);

export const createSaleInput = z.object({
  carId: carIdSchema,
  customerId: userIdSchema,
  /** What the customer paid: a decimal string, answered with two places. */
  price: priceSchema,
  notes: notesSchema.nullish(),
});

export const saleIdInput = z.object({ id: saleIdSchema });

/** An admin's correction: the commission is recomputed from the sale's stored rate. */
export const updateSaleInput = z
  .object({ id: saleIdSchema, price: priceSchema.optional(), notes: notesSchema.nullish() })
  .refine((input) => input.price !== undefined || input.notes !== undefined, {
    message: 'Give price or notes to change.',
    path: ['price'],
  });

export const salesKeyset = defineKeyset({
  id: 'sales.id',
  keys: {
    soldAt: { column: 'sales.soldAt', type: 'timestamptz' },
    price: { column: 'sales.price', type: 'numeric' },
  },
  defaultSort: '-soldAt',
});

export type SaleSort = KeysetSort<typeof salesKeyset>;

/** The filters of sales.list and of the sales CSV export. */
export const salesFilterFields = {
  ...periodFields,
  staffId: userIdSchema.optional(),
  customerId: userIdSchema.optional(),
  carId: carIdSchema.optional(),
};

export const listSalesInput = z
  .object({ ...salesFilterFields, ...pageInputShape(salesKeyset) })
  .refine(periodInOrder, periodProblem);

export const saleOutput = z.object({
  id: z.uuid(),
  /** The stock car sold (it stays in stock with status `sold`). */
  carId: z.uuid(),
  customerId: z.uuid(),
  /** Who sold it, and whose commission it is. */
  staffId: z.uuid(),
  /** The copy in the buyer's garage; null once they deleted it. */
  garageCarId: z.uuid().nullable(),
  /** Decimal strings with two places. */
  price: z.string(),
  /** The seller's percentage when the car was sold. */
  commissionRate: z.string(),
  commission: z.string(),
  notes: z.string().nullable(),
  soldAt: z.date(),
  updatedAt: z.date(),
  /** The car as it was sold. */
  car: z.object({ make: z.string(), model: z.string(), year: z.number().int(), vin: z.string().nullable() }),
});

export type SaleOutput = z.infer<typeof saleOutput>;

export const salePageOutput = pageOutput(saleOutput);

import { audit } from '../../domain/audit/audit';
import { commissionOf } from '../../domain/sales/commission';
import { findSale, saleNotFound, updateSale } from '../../domain/sales/queries';
import { saleOutput, updateSaleInput } from '../../domain/sales/schemas';
import { errorResponses } from '../../openapi-meta';
import { adminProcedure } from '../../trpc';

/** An admin's correction of price or notes; the commission follows the price at the sale's own rate. */
export const update = adminProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/sales/{id}',
      tags: ['sales'],
      summary: 'Correct the price or notes of a sale (commission recomputed, audited)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(updateSaleInput)
  .output(saleOutput)
  .mutation(({ ctx, input: { id, price, notes } }) =>
    ctx.db.transaction().execute(async (trx) => {
      const before = await findSale(trx, id, { forUpdate: true });
      if (!before) throw saleNotFound();
      const after = await updateSale(trx, id, {
        ...(price !== undefined ? { price, commission: commissionOf(price, before.commissionRate) } : {}),
        ...(notes !== undefined ? { notes } : {}),
      });
      await audit(trx, ctx.auth, { action: 'update', entity: 'sale', entityId: id, before, after });
      return after;
    }),
  );

import { hasSellerHistory, staffMetrics } from '../../domain/staff/metrics-queries';
import { assertMayReadMetrics } from '../../domain/staff/policy';
import { findManagedUser, userNotFound } from '../../domain/users/manage-users';
import { errorResponses } from '../../openapi-meta';
import { staffProcedure } from '../../trpc';
import { staffMetricsInput, staffMetricsOutput } from './schemas';

export const metrics = staffProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/staff/{id}/metrics',
      tags: ['staff'],
      summary: "A seller's sales, commission, test drives and conversion over a period (default: all time)",
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(staffMetricsInput)
  .output(staffMetricsOutput)
  .query(async ({ ctx, input: { id, from, to } }) => {
    assertMayReadMetrics(ctx.auth.user, id);
    const member = await findManagedUser(ctx.db, id);
    // A client's id names no staff member, unless they sold before being demoted.
    if (!member || (member.role === 'client' && !(await hasSellerHistory(ctx.db, id)))) throw userNotFound();
    return { staffId: id, from: from ?? null, to: to ?? null, ...(await staffMetrics(ctx.db, id, { from, to })) };
  });

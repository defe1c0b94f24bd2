import { listAudit } from '../../../domain/audit/queries';
import { auditPageOutput, listAuditInput } from '../../../domain/audit/schemas';
import { errorResponses } from '../../../openapi-meta';
import { adminProcedure } from '../../../trpc';

export const list = adminProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/admin/audit',
      tags: ['admin'],
      summary: 'The audit log, newest first',
      protect: true,
      errorResponses: errorResponses(401, 403),
    },
  })
  .input(listAuditInput)
  .output(auditPageOutput)
  .query(({ ctx, input: { actorId, entity, entityId, action, from, to, ...page } }) =>
    listAudit(ctx.db, { actorId, entity, entityId, action, from, to }, page),
  );

import { auditKeyset, auditPageOutput, listAuditInput } from '../../../domain/audit/schemas';
import { errorResponses } from '../../../openapi-meta';
import { paginate } from '../../../pagination';
import { periodConditions } from '../../../period';
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
  .query(async ({ ctx, input: { actorId, entity, entityId, action, from, to, ...page } }) => {
    const query = ctx.db
      .selectFrom('auditLog')
      .select([
        'auditLog.id',
        'auditLog.at',
        'auditLog.actorId',
        'auditLog.actorName',
        'auditLog.action',
        'auditLog.entity',
        'auditLog.entityId',
        'auditLog.changes',
      ])
      .where((eb) => {
        const conditions = periodConditions('auditLog.at', { from, to });
        if (actorId) conditions.push(eb('auditLog.actorId', '=', actorId));
        if (entity) conditions.push(eb('auditLog.entity', '=', entity));
        if (entityId) conditions.push(eb('auditLog.entityId', '=', entityId));
        if (action) conditions.push(eb('auditLog.action', '=', action));
        return eb.and(conditions);
      });
    const result = await paginate(query, auditKeyset, page);
    return {
      items: result.items.map((row) => ({ ...row, changes: row.changes as Record<string, [unknown, unknown]> })),
      nextCursor: result.nextCursor,
    };
  });

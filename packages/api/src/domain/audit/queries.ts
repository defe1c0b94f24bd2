import type { Database } from '@carhub/db';
import { type KeysetSort, type Page, type PageRequest, paginate } from '../../pagination';
import { periodConditions } from '../../period';
import type { AuditAction, AuditEntity } from './audit';
import { auditKeyset } from './schemas';

export interface AuditFilters {
  actorId?: string | undefined;
  entity?: AuditEntity | undefined;
  entityId?: string | undefined;
  action?: AuditAction | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** admin.audit.list: the log, filtered, newest first by default. */
export async function listAudit(
  db: Database,
  filters: AuditFilters,
  page: PageRequest<KeysetSort<typeof auditKeyset>>,
) {
  const { actorId, entity, entityId, action, from, to } = filters;
  const query = db
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
  } satisfies Page<unknown>;
}

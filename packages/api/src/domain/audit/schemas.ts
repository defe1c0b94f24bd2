import { z } from 'zod';
import { defineKeyset, pageInputShape, pageOutput } from '../../pagination';
import { periodFields } from '../../period';
import { userIdSchema } from '../users/schemas';
import { auditActions, auditEntities } from './audit';

export const auditKeyset = defineKeyset({
  id: 'auditLog.id',
  keys: { at: { column: 'auditLog.at', type: 'timestamptz' } },
  defaultSort: '-at',
});

export const listAuditInput = z.object({
  actorId: userIdSchema.optional(),
  entity: z.enum(auditEntities).optional(),
  entityId: z.string().trim().max(100).optional(),
  action: z.enum(auditActions).optional(),
  /** From this instant on (inclusive), before `to` (exclusive). */
  ...periodFields,
  ...pageInputShape(auditKeyset),
});

export const auditEntryOutput = z.object({
  id: z.uuid(),
  at: z.date(),
  /** Null once the actor's account is deleted; actorName still says who it was. */
  actorId: z.uuid().nullable(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /** `{ field: [before, after] }`: never a password, hash, token or secret. */
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
});

export const auditPageOutput = pageOutput(auditEntryOutput);

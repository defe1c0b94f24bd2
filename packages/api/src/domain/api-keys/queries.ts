import type { Database } from '@carhub/db';
import type { Auth } from '../../context';
import { AppError } from '../../errors';
import { audit } from '../audit/audit';

/** What leaves the database about a key: never its hash. */
export const apiKeyColumns = [
  'apiKeys.id',
  'apiKeys.name',
  'apiKeys.prefix',
  'apiKeys.scopes',
  'apiKeys.expiresAt',
  'apiKeys.createdAt',
  'apiKeys.lastUsedAt',
] as const;

/**
 * Revokes a live key (of `ownerId` when given: one's own keys) and audits it; 404 when there is
 * no such live key. The next request with it is refused.
 */
export async function revokeApiKey(trx: Database, auth: Auth, id: string, ownerId?: string): Promise<void> {
  let query = trx
    .updateTable('apiKeys')
    .set({ revokedAt: new Date() })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .returning(['id', 'userId', 'name', 'prefix', 'scopes', 'expiresAt']);
  if (ownerId) query = query.where('userId', '=', ownerId);
  const before = await query.executeTakeFirst();
  if (!before) throw new AppError('NOT_FOUND', 'No such API key.');
  await audit(trx, auth, { action: 'delete', entity: 'api_key', entityId: id, before });
}

import type { Database, DB } from '@carhub/db';
import type { Insertable } from 'kysely';
import type { Auth } from '../../context';
import { AppError } from '../../errors';
import { type KeysetSort, type PageRequest, paginate } from '../../pagination';
import { audit } from '../audit/audit';
import { adminApiKeysKeyset } from './schemas';

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

/** A user's live (not revoked) keys, newest first. */
export function listOwnApiKeys(db: Database, userId: string) {
  return db
    .selectFrom('apiKeys')
    .select(apiKeyColumns)
    .where('apiKeys.userId', '=', userId)
    .where('apiKeys.revokedAt', 'is', null)
    .orderBy('apiKeys.createdAt', 'desc')
    .orderBy('apiKeys.id')
    .execute();
}

/** Every user's live keys with whose they are (admin.apiKeys.list), of one user when given. */
export function listLiveApiKeys(
  db: Database,
  userId: string | undefined,
  page: PageRequest<KeysetSort<typeof adminApiKeysKeyset>>,
) {
  let query = db
    .selectFrom('apiKeys')
    .innerJoin('users', 'users.id', 'apiKeys.userId')
    .select(apiKeyColumns)
    .select(['apiKeys.userId', 'users.username'])
    .where('apiKeys.revokedAt', 'is', null);
  if (userId) query = query.where('apiKeys.userId', '=', userId);
  return paginate(query, adminApiKeysKeyset, page);
}

export function insertApiKey(trx: Database, values: Insertable<DB['apiKeys']>) {
  return trx.insertInto('apiKeys').values(values).returning(apiKeyColumns).executeTakeFirstOrThrow();
}

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

import type { Database, UserRole } from '@carhub/db';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Auth } from '../../context';
import { AppError } from '../../errors';
import { type KeysetSort, type Page, type PageRequest, paginate } from '../../pagination/keyset';
import { type AuditActor, audit } from '../audit/audit';
import { sessionsFor } from '../auth/sessions';
import { escapeLike } from '../cars/queries';
import { attachmentKeysOf } from '../logbook/services/attachment-keys';
import { enqueue } from '../notifications/enqueue';
import { photoKeysOfGarage } from '../photos/queries';
import { userHasSales } from '../sales/queries';
import { conflictFromUniqueViolation, insertUser, managedUserColumns, type NewUser } from './queries';
import { type ManagedUserOutput, usersKeyset } from './schemas';

/**
 * What admins (admin.users.*) and staff management (staff.*) do to accounts, in one place:
 * both routers call these inside their transaction, so the guards, the audit rows and the
 * notifications are the same whichever route an admin takes.
 */

export function userNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such user.');
}

export async function findManagedUser(
  db: Database,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ManagedUserOutput | undefined> {
  let query = db.selectFrom('users').select(managedUserColumns).where('users.id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** How many bookings a user is the customer of, and how many cars they bought (admin.users.get). */
export async function activityCounts(db: Database, userId: string): Promise<{ bookings: number; purchases: number }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('bookings')
        .select(eb.fn.countAll<number>().as('n'))
        .where('bookings.customerId', '=', userId)
        .as('bookings'),
      eb
        .selectFrom('sales')
        .select(eb.fn.countAll<number>().as('n'))
        .where('sales.customerId', '=', userId)
        .as('purchases'),
    ])
    .executeTakeFirstOrThrow();
  return { bookings: Number(row.bookings), purchases: Number(row.purchases) };
}

/**
 * Locks every active admin, always in id order, before a change that could leave none. Two
 * admins demoting each other at once then queue on the same first row: the second sees the
 * first's committed change (the lock re-reads the row) and finds itself the last admin.
 */
async function lockActiveAdminIds(trx: Database): Promise<string[]> {
  const rows = await trx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('isActive', '=', true)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Refuses to take away the admin rights of the caller themselves or of the last active admin.
 * `activeAdmins` comes from lockActiveAdminIds in the same transaction.
 */
function assertAdminRemains(auth: Auth, targetId: string, activeAdmins: readonly string[], what: string): void {
  if (targetId === auth.user.id) throw new AppError('FORBIDDEN', `You can't ${what} yourself.`);
  if (activeAdmins.every((id) => id === targetId)) {
    throw new AppError('CONFLICT', `This is the last active admin: make another admin before you ${what} them.`);
  }
}

export interface CreateManagedUser extends Omit<NewUser, 'termsAcceptedAt' | 'commissionRate'> {
  commissionRate?: string | null | undefined;
}

/** A rate for staff and admins (the default when none is given); a client has none. */
function commissionRateFor(role: UserRole, requested: string | null | undefined, defaultRate: string): string | null {
  if (role === 'client') {
    if (requested != null) {
      const message = 'Only staff and admins earn commission.';
      throw new AppError('BAD_REQUEST', message, { fieldErrors: { commissionRate: [message] } });
    }
    return null;
  }
  return requested ?? defaultRate;
}

/**
 * Creates an account of any role, tells its owner (account.created) and audits it: all in `trx`.
 * admin.users.create, staff.create and the CLI's create-admin (`auth` null: the command line).
 */
export async function createManagedUser(
  trx: Database,
  auth: AuditActor,
  input: CreateManagedUser,
  defaultCommissionRate: string,
): Promise<ManagedUserOutput> {
  const { commissionRate, ...user } = input;
  const created = await insertUser(trx, {
    ...user,
    commissionRate: commissionRateFor(user.role, commissionRate, defaultCommissionRate),
  });
  const row = await findManagedUser(trx, created.id);
  if (!row) throw userNotFound();
  await enqueue(trx, { type: 'account.created', recipients: [row.id], payload: { username: row.username } });
  await audit(trx, auth, { action: 'create', entity: 'user', entityId: row.id, after: row });
  return row;
}

export interface ManagedUserChanges {
  username?: string | undefined;
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  phone?: string | null | undefined;
  address?: string | null | undefined;
  role?: UserRole | undefined;
  isActive?: boolean | undefined;
  commissionRate?: string | null | undefined;
}

/**
 * Changes an account. Deactivation ends every session of the user at once; demoting or
 * deactivating an admin is refused for oneself and for the last active admin. `staffOnly`
 * (staff.update) makes a client's id not found, as if it named no staff member.
 */
export async function changeManagedUser(
  trx: Database,
  auth: Auth,
  id: string,
  changes: ManagedUserChanges,
  options: { defaultCommissionRate: string; staffOnly?: boolean },
): Promise<ManagedUserOutput> {
  const losesAdmin = changes.isActive === false || (changes.role !== undefined && changes.role !== 'admin');
  // The admins are locked before the user, in the same order every time (see lockActiveAdminIds).
  const activeAdmins = losesAdmin ? await lockActiveAdminIds(trx) : [];
  const before = await findManagedUser(trx, id, { forUpdate: true });
  if (!before || (options.staffOnly && before.role === 'client')) throw userNotFound();
  if (losesAdmin && activeAdmins.includes(id)) {
    assertAdminRemains(auth, id, activeAdmins, changes.isActive === false ? 'deactivate' : 'demote');
  }

  const role = changes.role ?? before.role;
  const requestedRate =
    changes.commissionRate !== undefined ? changes.commissionRate : role === 'client' ? null : before.commissionRate;
  const commissionRate = commissionRateFor(role, requestedRate, options.defaultCommissionRate);
  const set = Object.fromEntries(
    Object.entries({ ...changes, ...(commissionRate !== before.commissionRate ? { commissionRate } : {}) }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  let after = before;
  if (Object.keys(set).length > 0) {
    try {
      after = await trx
        .updateTable('users')
        .set(set)
        .where('users.id', '=', id)
        .returning(managedUserColumns)
        .executeTakeFirstOrThrow();
    } catch (error) {
      conflictFromUniqueViolation(error);
    }
  }
  if (!after.isActive && before.isActive) await sessionsFor(trx).invalidateAll(id);
  await audit(trx, auth, { action: 'update', entity: 'user', entityId: id, before, after });
  return after;
}

/**
 * Deletes an account: their garage cars (with photos and rentals) and sessions go with them
 * by foreign key; their stock bookings and audit rows stay, with a name snapshot. Someone on
 * a sale is kept (409: a sale must keep its people). Returns the garage's photo keys, for the
 * caller to delete after the commit.
 */
export async function deleteManagedUser(trx: Database, auth: Auth, id: string): Promise<string[]> {
  const activeAdmins = await lockActiveAdminIds(trx);
  const before = await findManagedUser(trx, id, { forUpdate: true });
  if (!before) throw userNotFound();
  if (id === auth.user.id) throw new AppError('FORBIDDEN', `You can't delete yourself.`);
  if (activeAdmins.includes(id)) assertAdminRemains(auth, id, activeAdmins, 'delete');
  if (await userHasSales(trx, id)) {
    throw new AppError(
      'CONFLICT',
      'This user appears on a sale, so the record must keep them: deactivate them instead.',
    );
  }
  // The garage's photos and service attachments go with its cars.
  const photoKeys = [...(await photoKeysOfGarage(trx, id)), ...(await attachmentKeysOf(trx, { ownerId: id }))];
  await trx.deleteFrom('users').where('id', '=', id).execute();
  await audit(trx, auth, { action: 'delete', entity: 'user', entityId: id, before });
  return photoKeys;
}

export interface ManagedUserFilters {
  search?: string | undefined;
  roles?: readonly UserRole[] | undefined;
  isActive?: boolean | undefined;
}

/** admin.users.list and staff.list: one query, filtered, keyset-paged. */
export async function listManagedUsers(
  db: Database,
  filters: ManagedUserFilters,
  page: PageRequest<KeysetSort<typeof usersKeyset>>,
): Promise<Page<ManagedUserOutput>> {
  const query = db
    .selectFrom('users')
    .select(managedUserColumns)
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [];
      if (filters.roles) conditions.push(eb('users.role', 'in', filters.roles));
      if (filters.isActive !== undefined) conditions.push(eb('users.isActive', '=', filters.isActive));
      const text = sql<string>`users.username || ' ' || users.email || ' ' || users.first_name || ' ' || users.last_name`;
      for (const word of (filters.search ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
        conditions.push(eb(text, 'ilike', `%${escapeLike(word)}%`));
      }
      return eb.and(conditions);
    });
  return paginate(query, usersKeyset, page);
}

import { compiledPerHandle, type Database, isPgError, PgErrorCode, type UserRole } from '@carhub/db';
import { AppError } from '../../errors';
import { hashPassword } from '../auth/password';
import { passwordProblems } from '../auth/password-policy';
import { definedFields, type WithUndefined } from '../defined-fields';
import type { UserOutput } from './schemas';

/** The columns behind `userOutput`; every query that answers with a user selects these. */
export const userColumns = [
  'users.id',
  'users.username',
  'users.email',
  'users.firstName',
  'users.lastName',
  'users.phone',
  'users.address',
  'users.role',
  'users.isActive',
  'users.createdAt',
] as const;

/** The columns behind `managedUserOutput` (admin and staff answers). */
export const managedUserColumns = [...userColumns, 'users.commissionRate', 'users.updatedAt'] as const;

export interface NewUser {
  username: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  phone?: string | null | undefined;
  address?: string | null | undefined;
  role: UserRole;
  /** Admins may create an account switched off; default on. */
  isActive?: boolean | undefined;
  /** When the user accepted the terms (sign-up only). */
  termsAcceptedAt?: Date | null | undefined;
  /** Staff and admins only (percent, "5.00"); clients have none. */
  commissionRate?: string | null | undefined;
}

/** Refuses a password the policy rejects, as a 400 on the `password` field. */
export async function assertPasswordAllowed(
  password: string,
  identity: { username?: string; email?: string },
  field = 'password',
): Promise<void> {
  const problems = await passwordProblems(password, identity);
  if (problems.length > 0) {
    throw new AppError('BAD_REQUEST', problems.join(' '), { fieldErrors: { [field]: problems } });
  }
}

/** A taken username or e-mail, in any letter case, is a 409 naming which. */
export function conflictFromUniqueViolation(error: unknown): never {
  if (isPgError(error, PgErrorCode.uniqueViolation)) {
    if (error.constraint === 'users_username_key') {
      throw new AppError('CONFLICT', 'That username is taken.', {
        fieldErrors: { username: ['That username is taken.'] },
      });
    }
    if (error.constraint === 'users_email_key') {
      throw new AppError('CONFLICT', 'That e-mail address is already registered.', {
        fieldErrors: { email: ['That e-mail address is already registered.'] },
      });
    }
  }
  throw error;
}

// auth.me runs this on every call: compiled once per database handle.
const userById = compiledPerHandle((db, value) =>
  db.selectFrom('users').select(userColumns).where('users.id', '=', value<string>('id')),
);

/** One user as answers show them, by id: the signed-in user's own record (auth.me, auth.refresh). */
export async function findUser(db: Database, id: string): Promise<UserOutput> {
  const [user] = await userById(db, { id });
  // The caller's session named this user a moment ago: a missing row is a fault, not a 404.
  if (!user) throw new Error(`user ${id} not found`);
  return user;
}

/** The user a username or e-mail names, with the hash a sign-in checks the password against. */
export function findUserToSignIn(db: Database, identifier: string) {
  return db
    .selectFrom('users')
    .select([...userColumns, 'users.passwordHash'])
    .where((eb) => eb.or([eb('users.username', '=', identifier), eb('users.email', '=', identifier)]))
    .executeTakeFirst();
}

/** The active account an e-mail address belongs to, if any (password reset requests). */
export async function findActiveUserIdByEmail(db: Database, email: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('users.id')
    .where('users.email', '=', email)
    .where('users.isActive', '=', true)
    .executeTakeFirst();
  return row?.id;
}

/** The hash of a user's password, to check a current password against. */
export async function passwordHashOf(db: Database, id: string): Promise<string> {
  const row = await db
    .selectFrom('users')
    .select('users.passwordHash')
    .where('users.id', '=', id)
    .executeTakeFirstOrThrow();
  return row.passwordHash;
}

/** Hashes and stores a new password: the one place a password is changed (the caller checked the policy). */
export async function setPassword(db: Database, id: string, password: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ passwordHash: await hashPassword(password) })
    .where('users.id', '=', id)
    .execute();
}

/** What a user may change of their own profile (auth.updateMe). */
export type ProfileChanges = WithUndefined<
  Partial<Pick<UserOutput, 'email' | 'firstName' | 'lastName' | 'phone' | 'address'>>
>;

/** Applies the fields given; nothing given answers the record unchanged. A taken e-mail is a 409. */
export async function updateProfile(db: Database, id: string, changes: ProfileChanges): Promise<UserOutput> {
  const set = definedFields(changes);
  try {
    return Object.keys(set).length === 0
      ? await findUser(db, id)
      : await db
          .updateTable('users')
          .set(set)
          .where('users.id', '=', id)
          .returning(userColumns)
          .executeTakeFirstOrThrow();
  } catch (error) {
    conflictFromUniqueViolation(error);
  }
}

/** Checks the password policy, hashes, inserts. Sign-up, admin and the CLI all create users here. */
export async function insertUser(db: Database, user: NewUser): Promise<UserOutput> {
  await assertPasswordAllowed(user.password, user);
  const passwordHash = await hashPassword(user.password);
  try {
    return await db
      .insertInto('users')
      .values({
        username: user.username,
        email: user.email,
        passwordHash,
        firstName: user.firstName,
        lastName: user.lastName,
        phone: user.phone ?? null,
        address: user.address ?? null,
        role: user.role,
        isActive: user.isActive ?? true,
        termsAcceptedAt: user.termsAcceptedAt ?? null,
        commissionRate: user.commissionRate ?? null,
      })
      .returning(userColumns)
      .executeTakeFirstOrThrow();
  } catch (error) {
    conflictFromUniqueViolation(error);
  }
}

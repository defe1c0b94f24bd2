import { type Database, isPgError, PgErrorCode, type UserRole } from '@carhub/db';
import { AppError } from '../../errors';
import { hashPassword } from '../auth/password';
import { passwordProblems } from '../auth/password-policy';
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
  phone?: string | null;
  address?: string | null;
  role: UserRole;
  /** Admins may create an account switched off; default on. */
  isActive?: boolean | undefined;
  /** When the user accepted the terms (sign-up only). */
  termsAcceptedAt?: Date | null;
  /** Staff and admins only (percent, "5.00"); clients have none. */
  commissionRate?: string | null;
}

/** Refuses a password the policy rejects, as a 400 on the `password` field. */
export function assertPasswordAllowed(
  password: string,
  identity: { username?: string; email?: string },
  field = 'password',
) {
  const problems = passwordProblems(password, identity);
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

/** Checks the password policy, hashes, inserts. Sign-up, admin and the CLI all create users here. */
export async function insertUser(db: Database, user: NewUser): Promise<UserOutput> {
  assertPasswordAllowed(user.password, user);
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

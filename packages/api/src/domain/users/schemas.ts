import { z } from 'zod';
import { defineKeyset } from '../../pagination/keyset';
import { requiredText } from '../../text-fields';
import { PASSWORD_MAX_LENGTH } from '../auth/password-policy';
import { COMMISSION_RATE_PROBLEM, normalizeCommissionRate } from './commission-rate';

export const roleSchema = z.enum(['client', 'staff', 'admin']);

export const userIdSchema = z.uuid('Not a user id.');

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,30}$/, 'Username must be 3-30 characters: letters, digits, "_", "." or "-".');

export const emailSchema = z.string().trim().max(254).pipe(z.email('Enter a valid e-mail address.'));

/** Shape only: the policy (passwordProblems) runs where the username and e-mail are known. */
export const passwordSchema = z
  .string()
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters.`);

export const profileFields = {
  firstName: requiredText('First name', 100),
  lastName: requiredText('Last name', 100),
  phone: z.string().trim().max(40, 'Phone must be at most 40 characters.').nullish(),
  address: z.string().trim().max(500, 'Address must be at most 500 characters.').nullish(),
};

/** What any API answer may say about a user: never the hash, never a token. */
export const userOutput = z.object({
  id: z.uuid(),
  username: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  role: roleSchema,
  isActive: z.boolean(),
  createdAt: z.date(),
});

export type UserOutput = z.infer<typeof userOutput>;

/** A percentage from 0 to 100 with at most two decimals, as a string ("7.5" is answered as "7.50"). */
export const commissionRateSchema = z
  .string('Commission rate must be a decimal string such as "5.00".')
  .superRefine((value, ctx) => {
    if (normalizeCommissionRate(value) === null) ctx.addIssue({ code: 'custom', message: COMMISSION_RATE_PROBLEM });
  })
  .transform((value) => normalizeCommissionRate(value) ?? value);

/** A user as admins see them: the profile plus the commission rate (null for clients). */
export const managedUserOutput = userOutput.extend({
  commissionRate: z.string().nullable(),
  updatedAt: z.date(),
});

export type ManagedUserOutput = z.infer<typeof managedUserOutput>;

/** The sorts of every list of users (admin.users.list, staff.list). */
export const usersKeyset = defineKeyset({
  id: 'users.id',
  keys: {
    createdAt: { column: 'users.createdAt', type: 'timestamptz' },
    lastName: { column: 'users.lastName', type: 'text' },
  },
  defaultSort: '-createdAt',
});

import { z } from 'zod';
import { carPageOutput } from '../../../domain/cars/schemas';
import {
  commissionRateSchema,
  emailSchema,
  managedUserOutput,
  passwordSchema,
  profileFields,
  roleSchema,
  userIdSchema,
  usernameSchema,
  usersKeyset,
} from '../../../domain/users/schemas';
import { pageInputShape, pageOutput } from '../../../pagination';
import { bodyFlag, queryFlag } from '../../../query-params';
import { passwordsMatch } from '../../auth/schemas';

export const userIdInput = z.object({ id: userIdSchema });

export const listUsersInput = z.object({
  /** Words that must each appear in the username, e-mail, first or last name. */
  search: z.string().trim().max(100, 'Search text must be at most 100 characters.').optional(),
  role: roleSchema.optional(),
  isActive: queryFlag.optional(),
  ...pageInputShape(usersKeyset),
});

export const usersPageOutput = pageOutput(managedUserOutput);

/** The user with the first page of their garage (more through admin.users.cars.list with its cursor). */
export const userDetailOutput = managedUserOutput.extend({
  cars: carPageOutput,
  /** Bookings they are the customer of (any status), and cars they bought. */
  counts: z.object({ bookings: z.number().int(), purchases: z.number().int() }),
});

/** The account fields an admin gives when creating anyone (admin.users.create, staff.create). */
export const newAccountFields = {
  username: usernameSchema,
  email: emailSchema,
  password: passwordSchema,
  passwordConfirm: z.string(),
  ...profileFields,
  /** Staff and admins: percent from 0 to 100 (default DEFAULT_COMMISSION_RATE); clients: none. */
  commissionRate: commissionRateSchema.optional(),
};

export const createUserInput = z
  .object({ ...newAccountFields, role: roleSchema.default('client'), isActive: bodyFlag.optional() })
  .superRefine(passwordsMatch('passwordConfirm'));

/** Profile and state fields an admin may change; absent fields stay as they are. */
export const accountUpdateFields = {
  email: emailSchema.optional(),
  firstName: profileFields.firstName.optional(),
  lastName: profileFields.lastName.optional(),
  phone: profileFields.phone,
  address: profileFields.address,
  isActive: bodyFlag.optional(),
  commissionRate: commissionRateSchema.optional(),
};

export const updateUserInput = z.object({
  id: userIdSchema,
  username: usernameSchema.optional(),
  role: roleSchema.optional(),
  ...accountUpdateFields,
});

export const deleteUserOutput = z.object({ id: z.uuid(), outcome: z.literal('deleted') });

import { z } from 'zod';
import { pageInputShape, pageOutput } from '../../pagination';
import { queryFlag } from '../../query-params';
import { managedUserOutput, usersKeyset } from '../../users/schemas';
import { accountUpdateFields, newAccountFields, userIdSchema } from '../admin/users/schemas';
import { passwordsMatch } from '../auth/schemas';

export const createStaffInput = z
  .object({ ...newAccountFields, role: z.enum(['staff', 'admin']).default('staff') })
  .superRefine(passwordsMatch('passwordConfirm'));

export const listStaffInput = z.object({
  role: z.enum(['staff', 'admin']).optional(),
  isActive: queryFlag.optional(),
  ...pageInputShape(usersKeyset),
});

/** Rate, profile and active; a role change is admin.users.update's. */
export const updateStaffInput = z.object({ id: userIdSchema, ...accountUpdateFields });

export const staffOutput = managedUserOutput;
export const staffPageOutput = pageOutput(staffOutput);

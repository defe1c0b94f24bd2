import { z } from 'zod';
import { staffRoles } from '../../domain/auth/principal';
import { managedUserOutput, userIdSchema, usersKeyset } from '../../domain/users/schemas';
import { pageInputShape, pageOutput } from '../../pagination';
import { periodFields, periodInOrder, periodProblem } from '../../period';
import { queryFlag } from '../../query-params';
import { accountUpdateFields, newAccountFields } from '../admin/users/schemas';
import { passwordsMatch } from '../auth/schemas';

export const createStaffInput = z
  .object({ ...newAccountFields, role: z.enum(staffRoles).default('staff') })
  .superRefine(passwordsMatch('passwordConfirm'));

export const listStaffInput = z.object({
  role: z.enum(staffRoles).optional(),
  isActive: queryFlag.optional(),
  ...pageInputShape(usersKeyset),
});

/** Rate, profile and active; a role change is admin.users.update's. */
export const updateStaffInput = z.object({ id: userIdSchema, ...accountUpdateFields });

export const staffOutput = managedUserOutput;
export const staffPageOutput = pageOutput(staffOutput);

export const staffMetricsInput = z.object({ id: userIdSchema, ...periodFields }).refine(periodInOrder, periodProblem);

export const staffMetricsOutput = z.object({
  staffId: z.uuid(),
  /** The period asked for; null: open-ended. */
  from: z.date().nullable(),
  to: z.date().nullable(),
  salesCount: z.number().int(),
  /** Sum of sale prices, a decimal string with two places. */
  revenue: z.string(),
  /** Sum of the commissions of those sales. */
  commission: z.string(),
  /** Test drives in the period handled by them, by their status now. */
  testDrives: z.object({ approved: z.number().int(), completed: z.number().int(), noShow: z.number().int() }),
  /** Their sales to customers who had a completed test drive of that car they handled, over their completed test drives (0..1). */
  conversion: z.number(),
});

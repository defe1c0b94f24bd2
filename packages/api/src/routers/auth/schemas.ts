import { z } from 'zod';
import { emailSchema, passwordSchema, profileFields, usernameSchema, userOutput } from '../../domain/users/schemas';
import { bodyFlag } from '../../query-params';

export const authResultOutput = z.object({
  /** The session token: send it as `Authorization: Bearer <token>`. Shown once. */
  token: z.string(),
  expiresAt: z.date(),
  user: userOutput,
});

export const okOutput = z.object({ ok: z.literal(true) });

export const passwordsMatch =
  (field: string) => (value: { password?: string; newPassword?: string }, ctx: z.RefinementCtx) => {
    const password = value.newPassword ?? value.password;
    const confirm = (value as Record<string, unknown>)[field];
    if (password !== confirm) ctx.addIssue({ code: 'custom', path: [field], message: 'Passwords do not match.' });
  };

export const registerInput = z
  .object({
    username: usernameSchema,
    email: emailSchema,
    password: passwordSchema,
    passwordConfirm: z.string(),
    ...profileFields,
    /** Must be true when the operator requires terms (REQUIRE_TERMS); the time of acceptance is stored. */
    acceptTerms: bodyFlag.optional(),
  })
  .superRefine(passwordsMatch('passwordConfirm'));

export const loginInput = z.object({
  identifier: z.string().trim().min(1, 'Enter your username or e-mail address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(1024),
});

export const updateMeInput = z.object({
  email: emailSchema.optional(),
  firstName: profileFields.firstName.optional(),
  lastName: profileFields.lastName.optional(),
  phone: profileFields.phone,
  address: profileFields.address,
});

export const changePasswordInput = z
  .object({
    oldPassword: z.string().min(1, 'Enter your current password.').max(1024),
    newPassword: passwordSchema,
    newPasswordConfirm: z.string(),
  })
  .superRefine(passwordsMatch('newPasswordConfirm'));

export const sessionOutput = z.object({
  id: z.uuid(),
  createdAt: z.date(),
  lastUsedAt: z.date(),
  expiresAt: z.date(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
});

export const sessionsOutput = z.object({ items: z.array(sessionOutput) });

export const revokeSessionInput = z.object({ id: z.uuid('Not a session id.') });

export const requestPasswordResetInput = z.object({ email: emailSchema });

export const resetPasswordInput = z
  .object({
    token: z.string().min(1, 'The reset token is missing.').max(200),
    newPassword: passwordSchema,
    newPasswordConfirm: z.string(),
  })
  .superRefine(passwordsMatch('newPasswordConfirm'));

import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '../../components/ui/button';
import { TextField } from '../../components/ui/field';
import { registerInput } from '../../lib/api-schemas';
import { applyServerErrors } from '../../lib/form-errors';

export type RegisterValues = z.input<typeof registerInput>;

const fields = ['username', 'email', 'firstName', 'lastName', 'password', 'passwordConfirm', 'acceptTerms'] as const;

/** The API's register schema, plus the terms box when the operator requires it. */
export function registerSchema(requireTerms: boolean) {
  return registerInput.superRefine((value, ctx) => {
    if (requireTerms && value.acceptTerms !== true) {
      ctx.addIssue({ code: 'custom', path: ['acceptTerms'], message: 'Accept the terms of service to continue.' });
    }
  });
}

export function RegisterForm({
  requireTerms,
  pending,
  onSubmit,
}: {
  requireTerms: boolean;
  pending: boolean;
  /** Resolves to the error to show, if the server refused. */
  onSubmit: (values: RegisterValues) => Promise<unknown>;
}) {
  const form = useForm<RegisterValues>({
    resolver: zodResolver(registerSchema(requireTerms)),
    defaultValues: {
      username: '',
      email: '',
      firstName: '',
      lastName: '',
      password: '',
      passwordConfirm: '',
      acceptTerms: false,
    },
  });
  const errors = form.formState.errors;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit(async (values) => {
        const error = await onSubmit(values);
        if (error) applyServerErrors(error, form.setError, fields);
      })}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="First name"
          autoComplete="given-name"
          error={errors.firstName?.message}
          {...form.register('firstName')}
        />
        <TextField
          label="Last name"
          autoComplete="family-name"
          error={errors.lastName?.message}
          {...form.register('lastName')}
        />
      </div>
      <TextField
        label="Username"
        autoComplete="username"
        hint="3 to 30 letters, digits, dots, dashes or underscores."
        error={errors.username?.message}
        {...form.register('username')}
      />
      <TextField
        label="E-mail"
        type="email"
        autoComplete="email"
        error={errors.email?.message}
        {...form.register('email')}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters, not only digits, not a common password."
        error={errors.password?.message}
        {...form.register('password')}
      />
      <TextField
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        error={errors.passwordConfirm?.message}
        {...form.register('passwordConfirm')}
      />
      <div className="space-y-1">
        <div className="flex items-start gap-2">
          <input
            id="accept-terms"
            type="checkbox"
            className="mt-0.5 size-4 rounded border-slate-300 accent-accent-600"
            aria-invalid={errors.acceptTerms ? true : undefined}
            aria-describedby={errors.acceptTerms ? 'accept-terms-error' : undefined}
            {...form.register('acceptTerms')}
          />
          <label htmlFor="accept-terms" className="text-sm text-slate-700">
            I accept the{' '}
            <Link to="/terms" target="_blank" className="font-semibold text-accent-700 underline">
              terms of service
            </Link>
            {requireTerms ? ' (required)' : ''}
          </label>
        </div>
        {errors.acceptTerms ? (
          <p id="accept-terms-error" role="alert" className="text-xs font-medium text-red-700">
            {errors.acceptTerms.message}
          </p>
        ) : null}
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Creating your account…' : 'Create account'}
      </Button>
    </form>
  );
}

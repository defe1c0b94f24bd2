import { useCarhub } from '@carhub/sdk/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { Button } from '../../components/ui/button';
import { TextField } from '../../components/ui/field';
import { requestPasswordResetInput, resetPasswordInput } from '../../lib/api-schemas';
import { applyServerErrors } from '../../lib/form-errors';
import { AuthCard } from './auth-card';

export function ForgotPasswordPage() {
  const carhub = useCarhub();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<z.input<typeof requestPasswordResetInput>>({
    resolver: zodResolver(requestPasswordResetInput),
    defaultValues: { email: '' },
  });
  const request = useMutation({
    ...carhub.auth.requestPasswordReset.mutationOptions(),
    onSuccess: (_data, input) => setSentTo(input.email),
    onError: (error) => {
      const message = applyServerErrors(error, form.setError, ['email']);
      if (message) toast.error(message);
    },
  });
  if (sentTo) {
    return (
      <AuthCard title="Check your inbox">
        <p className="text-sm text-slate-700">
          If an account uses <strong>{sentTo}</strong>, we sent it a link to choose a new password. The link works for a
          limited time.
        </p>
        <Link to="/login" className="mt-6 inline-block text-sm font-semibold text-accent-700 hover:underline">
          Back to sign in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Forgot your password?" subtitle="We'll e-mail you a link to choose a new one.">
      <form noValidate className="space-y-4" onSubmit={form.handleSubmit((values) => request.mutate(values))}>
        <TextField
          label="E-mail"
          type="email"
          autoComplete="email"
          error={form.formState.errors.email?.message}
          {...form.register('email')}
        />
        <Button type="submit" className="w-full" disabled={request.isPending}>
          Send the reset link
        </Button>
      </form>
    </AuthCard>
  );
}

type ResetValues = z.input<typeof resetPasswordInput>;

export function ResetPasswordPage() {
  const carhub = useCarhub();
  const navigate = useNavigate();
  const { token = '' } = useSearch({ strict: false }) as { token?: string };
  const form = useForm<ResetValues>({
    resolver: zodResolver(resetPasswordInput),
    values: { token, newPassword: '', newPasswordConfirm: '' },
  });
  const reset = useMutation({
    ...carhub.auth.resetPassword.mutationOptions(),
    onSuccess: async () => {
      toast.success('Your password is changed. Sign in with the new one.');
      await navigate({ to: '/login' });
    },
    onError: (error) => {
      const message = applyServerErrors(error, form.setError, ['newPassword', 'newPasswordConfirm']);
      if (message) toast.error(message);
    },
  });
  if (!token) {
    return (
      <AuthCard title="This link is incomplete">
        <p className="text-sm text-slate-700">Open the link from the e-mail again, or ask for a new one.</p>
        <Link to="/forgot-password" className="mt-6 inline-block text-sm font-semibold text-accent-700 hover:underline">
          Ask for a new link
        </Link>
      </AuthCard>
    );
  }
  const errors = form.formState.errors;
  return (
    <AuthCard title="Choose a new password">
      <form noValidate className="space-y-4" onSubmit={form.handleSubmit((values) => reset.mutate(values))}>
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          error={errors.newPassword?.message ?? errors.token?.message}
          {...form.register('newPassword')}
        />
        <TextField
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          error={errors.newPasswordConfirm?.message}
          {...form.register('newPasswordConfirm')}
        />
        <Button type="submit" className="w-full" disabled={reset.isPending}>
          Set the new password
        </Button>
      </form>
    </AuthCard>
  );
}

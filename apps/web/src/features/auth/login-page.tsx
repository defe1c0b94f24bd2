import { useCarhub } from '@carhub/sdk/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { Button } from '../../components/ui/button';
import { TextField } from '../../components/ui/field';
import { loginInput } from '../../lib/api-schemas';
import { applyServerErrors } from '../../lib/form-errors';
import { landingFor } from '../../lib/session';
import { AuthCard } from './auth-card';

type LoginValues = z.input<typeof loginInput>;

export function LoginPage() {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { redirect?: string };
  const form = useForm<LoginValues>({
    resolver: zodResolver(loginInput),
    defaultValues: { identifier: '', password: '' },
  });
  const login = useMutation({
    ...carhub.auth.login.mutationOptions(),
    onSuccess: async (result) => {
      queryClient.setQueryData(carhub.auth.me.queryKey(), result.user);
      toast.success(`Welcome back, ${result.user.firstName}.`);
      const target = search.redirect?.startsWith('/') ? search.redirect : landingFor(result.user);
      await navigate({ to: target });
    },
    onError: (error) => {
      const message = applyServerErrors(error, form.setError, ['identifier', 'password']);
      if (message) toast.error(message);
    },
  });
  const errors = form.formState.errors;
  return (
    <AuthCard
      title="Sign in"
      subtitle={
        <>
          New here?{' '}
          <Link to="/register" className="font-semibold text-accent-700 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <form
        noValidate
        className="space-y-4"
        onSubmit={form.handleSubmit((values) =>
          login.mutate({ identifier: values.identifier, password: values.password }),
        )}
      >
        <TextField
          label="Username or e-mail"
          autoComplete="username"
          error={errors.identifier?.message}
          {...form.register('identifier')}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors.password?.message}
          {...form.register('password')}
        />
        <div className="flex items-center justify-between gap-4">
          <Link to="/forgot-password" className="text-sm font-medium text-accent-700 hover:underline">
            Forgot your password?
          </Link>
          <Button type="submit" disabled={login.isPending}>
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </Button>
        </div>
      </form>
    </AuthCard>
  );
}

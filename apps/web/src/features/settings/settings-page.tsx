import { useCarhub } from '@carhub/sdk/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { Button } from '../../components/ui/button';
import { Card, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { TextField } from '../../components/ui/field';
import { errorMessage } from '../../lib/api-error';
import { changePasswordInput, updateMeInput } from '../../lib/api-schemas';
import { applyServerErrors } from '../../lib/form-errors';
import { formatInZone } from '../../lib/format';
import { type Me, useSession } from '../../lib/session';
import { ApiKeysPanel } from './api-keys-panel';

function ProfileForm({ user }: { user: Me }) {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const form = useForm<z.input<typeof updateMeInput>>({
    resolver: zodResolver(updateMeInput),
    defaultValues: {
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
      phone: user.phone ?? '',
      address: user.address ?? '',
    },
  });
  const update = useMutation({
    ...carhub.auth.updateMe.mutationOptions(),
    onSuccess: (me) => {
      queryClient.setQueryData(carhub.auth.me.queryKey(), me);
      toast.success('Profile saved.');
    },
    onError: (error) => {
      const message = applyServerErrors(error, form.setError, ['firstName', 'lastName', 'email', 'phone', 'address']);
      if (message) toast.error(message);
    },
  });
  const e = form.formState.errors;
  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold">Profile</h2>
      <form noValidate className="grid gap-4 sm:grid-cols-2" onSubmit={form.handleSubmit((v) => update.mutate(v))}>
        <TextField label="First name" error={e.firstName?.message} {...form.register('firstName')} />
        <TextField label="Last name" error={e.lastName?.message} {...form.register('lastName')} />
        <TextField label="E-mail" type="email" error={e.email?.message} {...form.register('email')} />
        <TextField label="Phone" type="tel" error={e.phone?.message} {...form.register('phone')} />
        <div className="sm:col-span-2">
          <TextField label="Address" error={e.address?.message} {...form.register('address')} />
        </div>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={update.isPending}>
            Save profile
          </Button>
        </div>
      </form>
    </Card>
  );
}

function PasswordForm() {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const form = useForm<z.input<typeof changePasswordInput>>({
    resolver: zodResolver(changePasswordInput),
    defaultValues: { oldPassword: '', newPassword: '', newPasswordConfirm: '' },
  });
  const change = useMutation({
    ...carhub.auth.changePassword.mutationOptions(),
    onSuccess: () => {
      form.reset();
      toast.success('Password changed. Your other sessions were signed out.');
      return queryClient.invalidateQueries(carhub.auth.sessions.queryFilter());
    },
    onError: (error) => {
      const message = applyServerErrors(error, form.setError, ['oldPassword', 'newPassword', 'newPasswordConfirm']);
      if (message) toast.error(message);
    },
  });
  const e = form.formState.errors;
  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold">Password</h2>
      <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => change.mutate(v))}>
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={e.oldPassword?.message}
          {...form.register('oldPassword')}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          error={e.newPassword?.message}
          {...form.register('newPassword')}
        />
        <TextField
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          error={e.newPasswordConfirm?.message}
          {...form.register('newPasswordConfirm')}
        />
        <Button type="submit" disabled={change.isPending}>
          Change password
        </Button>
      </form>
    </Card>
  );
}

function Sessions() {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery(carhub.auth.sessions.queryOptions());
  const revoke = useMutation({
    ...carhub.auth.revokeSession.mutationOptions(),
    onSuccess: () => toast.success('Session signed out.'),
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => queryClient.invalidateQueries(carhub.auth.sessions.queryFilter()),
  });
  const logoutAll = useMutation({
    ...carhub.auth.logoutAll.mutationOptions(),
    onSuccess: async () => {
      queryClient.clear();
      await navigate({ to: '/login' });
      toast.success('Signed out everywhere.');
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  return (
    <Card>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">Active sessions</h2>
        <Button variant="danger" onClick={() => logoutAll.mutate()} disabled={logoutAll.isPending}>
          Sign out everywhere
        </Button>
      </div>
      {sessions.isPending ? (
        <Loading label="Loading sessions">
          <Skeleton className="h-24" />
        </Loading>
      ) : sessions.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(sessions.error)}
        </p>
      ) : (
        <ul className="divide-y divide-slate-200">
          {sessions.data.items.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="min-w-0">
                {s.current ? <p className="text-xs font-semibold text-accent-700">This device</p> : null}
                <p className="truncate text-sm font-medium text-slate-900">{s.userAgent ?? 'Unknown device'}</p>
                <p className="text-xs text-slate-600">
                  {s.ip ?? 'unknown address'} · last used {formatInZone(s.lastUsedAt, undefined)}
                </p>
              </div>
              {s.current ? null : (
                <Button
                  variant="secondary"
                  onClick={() => revoke.mutate({ id: s.id })}
                  aria-label={`Sign out the session last used ${formatInZone(s.lastUsedAt, undefined)}`}
                >
                  Sign out
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function SettingsPage() {
  const { user } = useSession();
  if (!user) return null;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title="Settings" />
      <ProfileForm user={user} />
      <PasswordForm />
      <Sessions />
      <ApiKeysPanel />
    </div>
  );
}

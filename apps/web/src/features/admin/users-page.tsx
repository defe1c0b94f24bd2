import type { RouterInputs, RouterOutputs } from '@carhub/sdk';
import { useCarhub } from '@carhub/sdk/react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { ConfirmDialog, Dialog } from '../../components/ui/dialog';
import { EmptyState, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { SelectField, TextField } from '../../components/ui/field';
import { errorMessage, isCode } from '../../lib/api-error';
import { AccountForm, accountInput } from './account-form';
import { carTitle, DeskPage, MoreButton, TableFrame, TableHead, td } from './admin-shell';

type User = RouterOutputs['admin']['users']['list']['items'][number];
type Filters = NonNullable<RouterInputs['admin']['users']['list']>;
const roles = ['client', 'staff', 'admin'] as const;

function useRefreshUsers() {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(carhub.admin.users.pathFilter()),
      queryClient.invalidateQueries(carhub.admin.audit.pathFilter()),
    ]);
}

function GarageDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const carhub = useCarhub();
  const cars = useQuery(carhub.admin.users.cars.list.queryOptions({ id: user.id, limit: 100 }));
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Garage of ${user.firstName} ${user.lastName}`}>
      {cars.isPending ? (
        <Loading label="Loading the garage">
          <Skeleton className="h-24" />
        </Loading>
      ) : (cars.data?.items.length ?? 0) === 0 ? (
        <p className="text-sm text-slate-600">No car in this garage.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {cars.data?.items.map((car) => (
            <li key={car.id} className="py-2">
              <span className="font-medium">{carTitle(car)}</span> · {car.licensePlate ?? 'no plate'}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}

function EditDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const carhub = useCarhub();
  const refresh = useRefreshUsers();
  const [values, setValues] = useState({
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    role: user.role,
  });
  const update = useMutation({
    ...carhub.admin.users.update.mutationOptions(),
    onSuccess: () => {
      toast.success('Saved.');
      onClose();
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: refresh,
  });
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Edit ${user.username}`}>
      <form
        noValidate
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ id: user.id, ...values });
        }}
      >
        <TextField
          label="First name"
          value={values.firstName}
          onChange={(e) => setValues((v) => ({ ...v, firstName: e.target.value }))}
        />
        <TextField
          label="Last name"
          value={values.lastName}
          onChange={(e) => setValues((v) => ({ ...v, lastName: e.target.value }))}
        />
        <TextField
          label="E-mail"
          type="email"
          value={values.email}
          onChange={(e) => setValues((v) => ({ ...v, email: e.target.value }))}
        />
        <SelectField
          label="Role"
          value={values.role}
          onChange={(e) => setValues((v) => ({ ...v, role: e.target.value as User['role'] }))}
          options={roles.map((r) => ({ value: r, label: r }))}
        />
        <div>
          <Button type="submit" disabled={update.isPending}>
            Save changes
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function Users() {
  const carhub = useCarhub();
  const refresh = useRefreshUsers();
  const [form, setForm] = useState({ search: '', role: '', isActive: '' });
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'edit' | 'garage' | 'delete'; user: User } | null>(
    null,
  );
  const filters: Filters = {
    limit: 50,
    ...(form.search.trim() ? { search: form.search.trim() } : {}),
    ...(form.role ? { role: form.role as Filters['role'] } : {}),
    ...(form.isActive ? { isActive: form.isActive === 'true' } : {}),
  };
  const list = useInfiniteQuery(
    carhub.admin.users.list.infiniteQueryOptions(filters, { getNextPageParam: (p) => p.nextCursor }),
  );
  const users = list.data?.pages.flatMap((p) => p.items) ?? [];
  const close = () => setDialog(null);
  const create = useMutation({
    ...carhub.admin.users.create.mutationOptions(),
    onSuccess: (u) => {
      toast.success(`Account ${u.username} created.`);
      close();
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: refresh,
  });
  const setActive = useMutation({
    ...carhub.admin.users.update.mutationOptions(),
    onSuccess: (u) =>
      toast.success(
        u.isActive ? `${u.username} can sign in again.` : `${u.username} is deactivated: signed out everywhere.`,
      ),
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: refresh,
  });
  const remove = useMutation({
    ...carhub.admin.users.delete.mutationOptions(),
    onSuccess: () => {
      toast.success('Account deleted, with its garage.');
      close();
    },
    onError: (error) =>
      toast.error(
        isCode(error, 'CONFLICT')
          ? `${errorMessage(error)} Their sales must stay on record: deactivate the account instead.`
          : errorMessage(error),
      ),
    onSettled: refresh,
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  return (
    <>
      <PageHeader title="Users">
        <Button onClick={() => setDialog({ kind: 'create' })}>Create an account</Button>
      </PageHeader>
      <div className="mb-4 grid gap-3 sm:grid-cols-3">
        <TextField
          label="Search"
          type="search"
          placeholder="Name, username or e-mail"
          value={form.search}
          onChange={set('search')}
        />
        <SelectField
          label="Role"
          value={form.role}
          onChange={set('role')}
          options={[{ value: '', label: 'Any' }, ...roles.map((r) => ({ value: r, label: r }))]}
        />
        <SelectField
          label="Active"
          value={form.isActive}
          onChange={set('isActive')}
          options={[
            { value: '', label: 'Any' },
            { value: 'true', label: 'Active' },
            { value: 'false', label: 'Deactivated' },
          ]}
        />
      </div>
      {list.isPending ? (
        <Loading label="Loading users">
          <Skeleton className="h-64" />
        </Loading>
      ) : users.length === 0 ? (
        <EmptyState title="No account matches" />
      ) : (
        <TableFrame label="Users">
          <TableHead columns={['Name', 'Username', 'E-mail', 'Role', 'Active', 'Actions']} />
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id}>
                <td className={`${td} font-medium`}>
                  {u.firstName} {u.lastName}
                </td>
                <td className={td}>{u.username}</td>
                <td className={td}>{u.email}</td>
                <td className={td}>{u.role}</td>
                <td className={td}>{u.isActive ? 'Yes' : 'No'}</td>
                <td className={td}>
                  <div className="flex flex-wrap gap-2">
                    <Button
                      variant="secondary"
                      aria-label={`Edit ${u.username}`}
                      onClick={() => setDialog({ kind: 'edit', user: u })}
                    >
                      Edit
                    </Button>
                    <Button
                      variant="secondary"
                      aria-label={`${u.isActive ? 'Deactivate' : 'Reactivate'} ${u.username}`}
                      onClick={() => setActive.mutate({ id: u.id, isActive: !u.isActive })}
                    >
                      {u.isActive ? 'Deactivate' : 'Reactivate'}
                    </Button>
                    <Button
                      variant="ghost"
                      aria-label={`Garage of ${u.username}`}
                      onClick={() => setDialog({ kind: 'garage', user: u })}
                    >
                      Garage
                    </Button>
                    <Button
                      variant="ghost"
                      className="text-red-700"
                      aria-label={`Delete ${u.username}`}
                      onClick={() => setDialog({ kind: 'delete', user: u })}
                    >
                      Delete
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <MoreButton query={list} />
      <Dialog open={dialog?.kind === 'create'} onOpenChange={(o) => !o && close()} title="Create an account">
        <AccountForm
          roles={roles}
          submitLabel="Create"
          pending={create.isPending}
          error={create.error}
          onSubmit={(values) => create.mutate(accountInput(values) as Parameters<typeof create.mutate>[0])}
        />
      </Dialog>
      {dialog?.kind === 'edit' ? <EditDialog user={dialog.user} onClose={close} /> : null}
      {dialog?.kind === 'garage' ? <GarageDialog user={dialog.user} onClose={close} /> : null}
      <ConfirmDialog
        open={dialog?.kind === 'delete'}
        onOpenChange={(o) => !o && close()}
        title="Delete this account?"
        description="Their garage cars, photos and sessions go; bookings and the audit log keep their name. Someone on a sale can't be deleted: deactivate them."
        confirmLabel="Delete account"
        pending={remove.isPending}
        onConfirm={() => dialog && 'user' in dialog && remove.mutate({ id: dialog.user.id })}
      />
    </>
  );
}

export function UsersPage() {
  return <DeskPage admin>{() => <Users />}</DeskPage>;
}

import type { RouterOutputs } from '@carhub/sdk';
import { useCarhub } from '@carhub/sdk/react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Card, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { TextField } from '../../components/ui/field';
import { errorMessage, fieldErrors } from '../../lib/api-error';
import type { Me } from '../../lib/session';
import { AccountForm, accountInput } from './account-form';
import { DeskPage, MoreButton, TableFrame, TableHead, td } from './admin-shell';

type Member = RouterOutputs['staff']['list']['items'][number];
const euros = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' });

/** A seller's figures over a period (all time by default). */
function MetricsDrawer({
  member,
  onClose,
}: {
  member: { id: string; firstName: string; lastName: string };
  onClose: () => void;
}) {
  const carhub = useCarhub();
  const [period, setPeriod] = useState({ from: '', to: '' });
  const input = {
    id: member.id,
    ...(period.from ? { from: new Date(`${period.from}T00:00:00`) } : {}),
    ...(period.to ? { to: new Date(`${period.to}T23:59:59`) } : {}),
  };
  const metrics = useQuery(carhub.staff.metrics.queryOptions(input));
  const m = metrics.data;
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={`Metrics: ${member.firstName} ${member.lastName}`}
      description="All time unless you choose a period."
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="From"
          type="date"
          value={period.from}
          onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))}
        />
        <TextField
          label="To"
          type="date"
          value={period.to}
          onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))}
        />
      </div>
      {metrics.isPending ? (
        <Loading label="Loading metrics">
          <Skeleton className="mt-4 h-32" />
        </Loading>
      ) : metrics.isError ? (
        <p role="alert" className="mt-4 text-red-700">
          {errorMessage(metrics.error)}
        </p>
      ) : m ? (
        <dl className="mt-4 grid grid-cols-2 gap-4 text-sm">
          {[
            ['Sales', String(m.salesCount)],
            ['Revenue', euros.format(Number(m.revenue))],
            ['Commission', euros.format(Number(m.commission))],
            ['Conversion', `${Math.round(m.conversion * 100)}%`],
            ['Drives approved', String(m.testDrives.approved)],
            ['Drives completed', String(m.testDrives.completed)],
            ['No-shows', String(m.testDrives.noShow)],
          ].map(([name, value]) => (
            <div key={name}>
              <dt className="text-slate-600">{name}</dt>
              <dd className="text-lg font-semibold text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </Dialog>
  );
}

function EditDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const [rate, setRate] = useState(member.commissionRate ?? '');
  const [names, setNames] = useState({ firstName: member.firstName, lastName: member.lastName });
  const update = useMutation({
    ...carhub.staff.update.mutationOptions(),
    onSuccess: () => {
      toast.success('Saved.');
      onClose();
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => queryClient.invalidateQueries(carhub.staff.pathFilter()),
  });
  const errors = fieldErrors(update.error);
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Edit ${member.firstName} ${member.lastName}`}>
      <form
        noValidate
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ id: member.id, ...names, ...(rate ? { commissionRate: rate } : {}) });
        }}
      >
        <TextField
          label="First name"
          value={names.firstName}
          onChange={(e) => setNames((n) => ({ ...n, firstName: e.target.value }))}
          error={errors.firstName?.[0]}
        />
        <TextField
          label="Last name"
          value={names.lastName}
          onChange={(e) => setNames((n) => ({ ...n, lastName: e.target.value }))}
          error={errors.lastName?.[0]}
        />
        <TextField
          label="Commission rate (%)"
          inputMode="decimal"
          value={rate}
          onChange={(e) => setRate(e.target.value)}
          error={errors.commissionRate?.[0]}
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

function StaffList() {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(
    carhub.staff.list.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (p) => p.nextCursor }),
  );
  const members = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Member | null>(null);
  const [viewing, setViewing] = useState<Member | null>(null);
  const create = useMutation({
    ...carhub.staff.create.mutationOptions(),
    onSuccess: (m) => {
      toast.success(`${m.firstName} ${m.lastName} can sign in now.`);
      setAdding(false);
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => queryClient.invalidateQueries(carhub.staff.pathFilter()),
  });
  return (
    <>
      <PageHeader title="Staff">
        <Button onClick={() => setAdding(true)}>Add a staff member</Button>
      </PageHeader>
      {list.isPending ? (
        <Loading label="Loading staff">
          <Skeleton className="h-48" />
        </Loading>
      ) : (
        <TableFrame label="Staff members">
          <TableHead columns={['Name', 'Username', 'Role', 'Commission', 'Active', 'Actions']} />
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.id}>
                <td className={`${td} font-medium`}>
                  {m.firstName} {m.lastName}
                </td>
                <td className={td}>{m.username}</td>
                <td className={td}>{m.role}</td>
                <td className={td}>{m.commissionRate ? `${m.commissionRate}%` : 'Default'}</td>
                <td className={td}>{m.isActive ? 'Yes' : 'No'}</td>
                <td className={td}>
                  <div className="flex gap-2">
                    <Button
                      variant="secondary"
                      aria-label={`Metrics of ${m.firstName} ${m.lastName}`}
                      onClick={() => setViewing(m)}
                    >
                      Metrics
                    </Button>
                    <Button
                      variant="ghost"
                      aria-label={`Edit ${m.firstName} ${m.lastName}`}
                      onClick={() => setEditing(m)}
                    >
                      Edit
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <MoreButton query={list} />
      <Dialog open={adding} onOpenChange={setAdding} title="Add a staff member">
        <AccountForm
          roles={['staff', 'admin']}
          submitLabel="Add to staff"
          pending={create.isPending}
          error={create.error}
          onSubmit={(values) => create.mutate(accountInput(values) as Parameters<typeof create.mutate>[0])}
        />
      </Dialog>
      {editing ? <EditDialog member={editing} onClose={() => setEditing(null)} /> : null}
      {viewing ? <MetricsDrawer member={viewing} onClose={() => setViewing(null)} /> : null}
    </>
  );
}

function OwnMetrics({ user }: { user: Me }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <PageHeader title="Staff" />
      <Card>
        <p className="text-sm text-slate-700">Admins manage the staff list. Your own figures:</p>
        <Button className="mt-3" onClick={() => setOpen(true)}>
          My metrics
        </Button>
      </Card>
      {open ? <MetricsDrawer member={user} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

export function StaffPage() {
  return <DeskPage>{(user) => (user.role === 'admin' ? <StaffList /> : <OwnMetrics user={user} />)}</DeskPage>;
}

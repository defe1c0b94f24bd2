import type { RouterInputs, RouterOutputs } from '@carhub/sdk';
import { useCarhub } from '@carhub/sdk/react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button, buttonClass } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { EmptyState, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { SelectField, TextField } from '../../components/ui/field';
import { errorMessage } from '../../lib/api-error';
import { priceSchema } from '../../lib/api-schemas';
import { formatInZone } from '../../lib/format';
import type { Me } from '../../lib/session';
import { carTitle, DeskPage, MoreButton, TableFrame, TableHead, td } from './admin-shell';
import { SaleForm } from './sale-form';

type Sale = RouterOutputs['sales']['list']['items'][number];
type Filters = NonNullable<RouterInputs['sales']['list']>;
const euros = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' });

function CorrectDialog({ sale, onClose }: { sale: Sale; onClose: () => void }) {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const [price, setPrice] = useState(sale.price);
  const [notes, setNotes] = useState(sale.notes ?? '');
  const parsed = priceSchema.safeParse(price);
  const update = useMutation({
    ...carhub.sales.update.mutationOptions(),
    onSuccess: (s) => {
      toast.success(`Corrected; commission now ${euros.format(Number(s.commission))}.`);
      onClose();
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => queryClient.invalidateQueries(carhub.sales.pathFilter()),
  });
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={`Correct the sale of ${carTitle(sale.car)}`}
      description="The commission is recomputed at the rate of the sale; the change is audited."
    >
      <form
        noValidate
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (parsed.success) update.mutate({ id: sale.id, price: parsed.data, notes: notes || null });
        }}
      >
        <TextField
          label="Price (EUR)"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          error={parsed.success ? undefined : parsed.error.issues[0]?.message}
        />
        <TextField label="Notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
        <div>
          <Button type="submit" disabled={update.isPending || !parsed.success}>
            Save the correction
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function Sales({ user, startWithNew }: { user: Me; startWithNew: boolean }) {
  const carhub = useCarhub();
  const navigate = useNavigate();
  const isAdmin = user.role === 'admin';
  const [form, setForm] = useState({ from: '', to: '', staffId: isAdmin ? '' : user.id, customerId: '' });
  const [selling, setSelling] = useState(startWithNew);
  const [correcting, setCorrecting] = useState<Sale | null>(null);
  const staff = useQuery({ ...carhub.staff.list.queryOptions({ limit: 100 }), enabled: isAdmin });
  const filters: Filters = {
    ...(form.from ? { from: new Date(`${form.from}T00:00:00`) } : {}),
    ...(form.to ? { to: new Date(`${form.to}T23:59:59`) } : {}),
    ...(form.staffId ? { staffId: form.staffId } : {}),
    ...(/^[0-9a-f-]{36}$/i.test(form.customerId) ? { customerId: form.customerId } : {}),
  };
  const list = useInfiniteQuery(
    carhub.sales.list.infiniteQueryOptions({ limit: 50, ...filters }, { getNextPageParam: (p) => p.nextCursor }),
  );
  const sales = list.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const closeSale = () => {
    setSelling(false);
    if (startWithNew) void navigate({ to: '/admin/sales', search: {}, replace: true });
  };
  const exportQuery = new URLSearchParams(
    Object.entries({
      from: form.from ? new Date(`${form.from}T00:00:00`).toISOString() : undefined,
      to: form.to ? new Date(`${form.to}T23:59:59`).toISOString() : undefined,
      staffId: filters.staffId,
      customerId: filters.customerId,
    }).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
  return (
    <>
      <PageHeader title="Sales">
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => setSelling(true)}>New sale</Button>
          {isAdmin ? (
            <a
              className={buttonClass('secondary')}
              href={`/api/admin/export/sales.csv${exportQuery ? `?${exportQuery}` : ''}`}
              download
            >
              Export CSV
            </a>
          ) : null}
        </div>
      </PageHeader>
      <div className="mb-4 grid gap-3 sm:grid-cols-4">
        <TextField label="Sold from" type="date" value={form.from} onChange={set('from')} />
        <TextField label="Sold until" type="date" value={form.to} onChange={set('to')} />
        {isAdmin ? (
          <SelectField
            label="Seller"
            value={form.staffId}
            onChange={set('staffId')}
            options={[
              { value: '', label: 'Anyone' },
              ...(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.firstName} ${s.lastName}` })),
            ]}
          />
        ) : (
          <SelectField
            label="Seller"
            value={form.staffId}
            onChange={set('staffId')}
            options={[
              { value: user.id, label: 'Me' },
              { value: '', label: 'Anyone' },
            ]}
          />
        )}
        <TextField label="Customer id" value={form.customerId} onChange={set('customerId')} />
      </div>
      {list.isPending ? (
        <Loading label="Loading sales">
          <Skeleton className="h-48" />
        </Loading>
      ) : list.isError ? (
        <p role="alert" className="text-red-700">
          {errorMessage(list.error)}
        </p>
      ) : sales.length === 0 ? (
        <EmptyState title="No sales match">Change the filters, or record a sale.</EmptyState>
      ) : (
        <TableFrame label="Sales">
          <TableHead columns={['Sold', 'Car', 'Price', 'Commission', 'Notes', ...(isAdmin ? ['Actions'] : [])]} />
          <tbody className="divide-y divide-slate-100">
            {sales.map((s) => (
              <tr key={s.id}>
                <td className={td}>{formatInZone(s.soldAt, undefined)}</td>
                <td className={`${td} font-medium`}>{carTitle(s.car)}</td>
                <td className={td}>{euros.format(Number(s.price))}</td>
                <td className={td}>
                  {euros.format(Number(s.commission))}{' '}
                  <span className="text-xs text-slate-600">({s.commissionRate}%)</span>
                </td>
                <td className={td}>{s.notes ?? '—'}</td>
                {isAdmin ? (
                  <td className={td}>
                    <Button
                      variant="secondary"
                      aria-label={`Correct the sale of ${carTitle(s.car)}`}
                      onClick={() => setCorrecting(s)}
                    >
                      Correct
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <MoreButton query={list} />
      <Dialog open={selling} onOpenChange={(o) => !o && closeSale()} title="New sale">
        {selling ? <SaleForm user={user} onDone={closeSale} /> : null}
      </Dialog>
      {correcting ? <CorrectDialog sale={correcting} onClose={() => setCorrecting(null)} /> : null}
    </>
  );
}

export function SalesPage({ startWithNew = false }: { startWithNew?: boolean }) {
  return <DeskPage>{(user) => <Sales user={user} startWithNew={startWithNew} />}</DeskPage>;
}

import type { RouterInputs } from '@carhub/sdk';
import { useCarhub, useCarhubClient } from '@carhub/sdk/react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { ConfirmDialog, Dialog } from '../../components/ui/dialog';
import { EmptyState, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { SelectField, TextField } from '../../components/ui/field';
import { errorMessage } from '../../lib/api-error';
import { formatMileage, formatPrice, label } from '../../lib/format';
import { carTitle, DeskPage, MoreButton, TableFrame, TableHead, td, th } from './admin-shell';
import { downloadCsv } from './csv-download';
import { type StockCar, StockForm } from './stock-form';
import { StockImportDialog } from './stock-import-dialog';

type ListInput = NonNullable<RouterInputs['inventory']['list']>;
const statuses = ['available', 'reserved', 'sold', 'removed'] as const;
const sorts = [
  ['-createdAt', 'Newest first'],
  ['price', 'Price, low to high'],
  ['-price', 'Price, high to low'],
  ['year', 'Year, oldest first'],
  ['-year', 'Year, newest first'],
  ['mileage', 'Mileage, lowest first'],
] as const;

function useRefreshStock() {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(carhub.inventory.pathFilter()),
      queryClient.invalidateQueries(carhub.admin.dashboard.queryFilter()),
    ]);
}

function Stock({ startWithNew }: { startWithNew: boolean }) {
  const carhub = useCarhub();
  const client = useCarhubClient();
  const navigate = useNavigate();
  const refresh = useRefreshStock();
  const [filters, setFilters] = useState({ q: '', status: '', sort: '-createdAt' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkStatus, setBulkStatus] = useState<(typeof statuses)[number]>('sold');
  const [editing, setEditing] = useState<StockCar | 'new' | null>(startWithNew ? 'new' : null);
  const [removing, setRemoving] = useState<StockCar | null>(null);
  const [importing, setImporting] = useState(false);
  const input: ListInput = {
    limit: 50,
    sort: filters.sort as ListInput['sort'],
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.status ? { status: filters.status as ListInput['status'] } : {}),
  };
  const list = useInfiniteQuery(
    carhub.inventory.list.infiniteQueryOptions(input, { getNextPageParam: (p) => p.nextCursor }),
  );
  const cars = list.data?.pages.flatMap((p) => p.items) ?? [];
  const closeEditor = () => {
    setEditing(null);
    if (startWithNew) void navigate({ to: '/admin/stock', search: {}, replace: true });
  };
  const create = useMutation({ ...carhub.inventory.create.mutationOptions(), onSettled: refresh });
  const update = useMutation({ ...carhub.inventory.update.mutationOptions(), onSettled: refresh });
  const remove = useMutation({
    ...carhub.inventory.remove.mutationOptions(),
    onSuccess: (result) => {
      toast.success(
        result.outcome === 'deleted'
          ? 'Deleted for good.'
          : 'Removed: it has bookings or a sale, so it is kept with status "removed".',
      );
      setRemoving(null);
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: refresh,
  });
  const bulk = useMutation({
    ...carhub.inventory.bulkSetStatus.mutationOptions(),
    onSuccess: (result) => {
      toast.success(`${result.items.length} cars marked ${label(bulkStatus).toLowerCase()}.`);
      setSelected(new Set());
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: refresh,
  });
  const exportCsv = async () => {
    try {
      const rows: StockCar[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await client.inventory.list.query({ ...input, limit: 100, ...(cursor ? { cursor } : {}) });
        rows.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      downloadCsv('stock', rows);
      toast.success(`Exported ${rows.length} cars.`);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };
  const save = async (values: Parameters<Parameters<typeof StockForm>[0]['onSubmit']>[0]) => {
    try {
      if (editing && editing !== 'new') await update.mutateAsync({ id: editing.id, ...values });
      else await create.mutateAsync(values);
      toast.success(editing === 'new' ? 'Added to stock.' : 'Saved.');
      closeEditor();
      return null;
    } catch (error) {
      toast.error(errorMessage(error));
      return error;
    }
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allSelected = cars.length > 0 && cars.every((c) => selected.has(c.id));
  return (
    <>
      <PageHeader title="Stock">
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => setEditing('new')}>Add a car</Button>
          <Button variant="secondary" onClick={() => setImporting(true)}>
            Import CSV
          </Button>
          <Button variant="secondary" onClick={exportCsv}>
            Export CSV
          </Button>
        </div>
      </PageHeader>
      <div className="mb-4 grid gap-3 sm:grid-cols-3">
        <TextField
          label="Search"
          type="search"
          placeholder="Make, model, colour, VIN"
          value={filters.q}
          onChange={(e) => setFilters((f) => ({ ...f, q: e.target.value }))}
        />
        <SelectField
          label="Status"
          value={filters.status}
          onChange={(e) => setFilters((f) => ({ ...f, status: e.target.value }))}
          options={[{ value: '', label: 'Any' }, ...statuses.map((s) => ({ value: s, label: label(s) }))]}
        />
        <SelectField
          label="Sort"
          value={filters.sort}
          onChange={(e) => setFilters((f) => ({ ...f, sort: e.target.value }))}
          options={sorts.map(([value, text]) => ({ value, label: text }))}
        />
      </div>
      {selected.size > 0 ? (
        <div className="mb-4 flex flex-wrap items-end gap-3 rounded-xl bg-accent-50 p-3">
          <p className="text-sm font-medium text-slate-900">{selected.size} selected</p>
          <SelectField
            label="New status"
            value={bulkStatus}
            onChange={(e) => setBulkStatus(e.target.value as typeof bulkStatus)}
            options={statuses.map((s) => ({ value: s, label: label(s) }))}
          />
          <Button disabled={bulk.isPending} onClick={() => bulk.mutate({ ids: [...selected], status: bulkStatus })}>
            Set status of {selected.size}
          </Button>
          <Button variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </div>
      ) : null}
      {list.isPending ? (
        <Loading label="Loading stock">
          <Skeleton className="h-64" />
        </Loading>
      ) : list.isError ? (
        <p role="alert" className="text-red-700">
          {errorMessage(list.error)}
        </p>
      ) : cars.length === 0 ? (
        <EmptyState title="No stock matches">Change the filters, or add a car.</EmptyState>
      ) : (
        <TableFrame label="Stock cars">
          <TableHead columns={['Car', 'Plate', 'Price', 'Mileage', 'Status', 'Actions']}>
            <th className={th} scope="col">
              <input
                type="checkbox"
                aria-label="Select all shown"
                checked={allSelected}
                onChange={() => setSelected(allSelected ? new Set() : new Set(cars.map((c) => c.id)))}
              />
            </th>
          </TableHead>
          <tbody className="divide-y divide-slate-100">
            {cars.map((car) => (
              <tr key={car.id}>
                <td className={td}>
                  <input
                    type="checkbox"
                    aria-label={`Select ${carTitle(car)} ${car.licensePlate ?? ''}`.trim()}
                    checked={selected.has(car.id)}
                    onChange={() => toggle(car.id)}
                  />
                </td>
                <td className={`${td} whitespace-nowrap font-medium`}>{carTitle(car)}</td>
                <td className={`${td} whitespace-nowrap`}>{car.licensePlate ?? '—'}</td>
                <td className={`${td} whitespace-nowrap`}>{formatPrice(car.price)}</td>
                <td className={`${td} whitespace-nowrap`}>{formatMileage(car.mileage)}</td>
                <td className={td}>{label(car.status)}</td>
                <td className={td}>
                  <div className="flex gap-2">
                    <Button variant="secondary" aria-label={`Edit ${carTitle(car)}`} onClick={() => setEditing(car)}>
                      Edit
                    </Button>
                    <Button
                      variant="ghost"
                      className="text-red-700"
                      aria-label={`Delete ${carTitle(car)}`}
                      onClick={() => setRemoving(car)}
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
      <Dialog
        open={editing !== null}
        onOpenChange={(o) => !o && closeEditor()}
        title={editing === 'new' ? 'Add a stock car' : 'Edit stock car'}
      >
        {editing !== null ? (
          <StockForm
            car={editing === 'new' ? undefined : editing}
            pending={create.isPending || update.isPending}
            onSubmit={save}
          />
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title="Delete this car?"
        description={
          removing ? `${carTitle(removing)}: deleted for good, or kept as "removed" if it has bookings or a sale.` : ''
        }
        confirmLabel="Delete"
        pending={remove.isPending}
        onConfirm={() => removing && remove.mutate({ id: removing.id })}
      />
      <StockImportDialog open={importing} onOpenChange={setImporting} />
    </>
  );
}

export function StockPage({ startWithNew = false }: { startWithNew?: boolean }) {
  return <DeskPage>{() => <Stock startWithNew={startWithNew} />}</DeskPage>;
}

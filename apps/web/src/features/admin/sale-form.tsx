import { useCarhub } from '@carhub/sdk/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { commissionOf } from '../../../../../packages/api/src/domain/sales/commission';
import { Button } from '../../components/ui/button';
import { SelectField, TextField } from '../../components/ui/field';
import { errorMessage, fieldErrors } from '../../lib/api-error';
import { priceSchema } from '../../lib/api-schemas';
import { formatPrice } from '../../lib/format';
import type { Me } from '../../lib/session';
import { carTitle } from './admin-shell';

const euros = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' });

/** Customers to pick from: every client for an admin; for staff, the customers of recent bookings. */
function useCustomers(user: Me) {
  const carhub = useCarhub();
  const users = useQuery({
    ...carhub.admin.users.list.queryOptions({ role: 'client', isActive: true, limit: 100 }),
    enabled: user.role === 'admin',
  });
  const bookings = useQuery({ ...carhub.bookings.list.queryOptions({ limit: 100 }), enabled: user.role !== 'admin' });
  if (user.role === 'admin')
    return (users.data?.items ?? []).map((u) => ({ id: u.id, name: `${u.firstName} ${u.lastName} (${u.username})` }));
  const seen = new Map<string, string>();
  for (const b of bookings.data?.items ?? [])
    if (b.customerId && !seen.has(b.customerId)) seen.set(b.customerId, b.customerName ?? b.customerId);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** Sell a car: the commission it earns the seller shows before anything is saved. */
export function SaleForm({ user, onDone }: { user: Me; onDone: () => void }) {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const cars = useQuery(carhub.inventory.list.queryOptions({ status: 'available', limit: 100, sort: '-createdAt' }));
  const dashboard = useQuery(carhub.admin.dashboard.queryOptions({}));
  const customers = useCustomers(user);
  const [values, setValues] = useState({ carId: '', customerId: '', price: '', notes: '' });
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));
  const car = cars.data?.items.find((c) => c.id === values.carId);
  const price = priceSchema.safeParse(values.price || car?.price || '');
  const rate = dashboard.data?.myCommissionRate;
  const commission = price.success && rate ? commissionOf(price.data, rate) : null;
  const sell = useMutation({
    ...carhub.sales.create.mutationOptions(),
    onSuccess: (sale) => {
      toast.success(`Sold. Your commission: ${euros.format(Number(sale.commission))}.`);
      onDone();
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries(carhub.sales.pathFilter()),
        queryClient.invalidateQueries(carhub.inventory.pathFilter()),
        queryClient.invalidateQueries(carhub.admin.dashboard.queryFilter()),
      ]),
  });
  const errors = fieldErrors(sell.error);
  return (
    <form
      noValidate
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!price.success) return;
        sell.mutate({
          carId: values.carId,
          customerId: values.customerId,
          price: price.data,
          notes: values.notes || null,
        });
      }}
    >
      <SelectField
        label="Stock car"
        value={values.carId}
        onChange={set('carId')}
        error={errors.carId?.[0]}
        options={[
          { value: '', label: 'Choose a car' },
          ...(cars.data?.items ?? []).map((c) => ({
            value: c.id,
            label: `${carTitle(c)} · ${c.licensePlate ?? 'no plate'} · ${formatPrice(c.price)}`,
          })),
        ]}
      />
      <SelectField
        label="Customer"
        value={values.customerId}
        onChange={set('customerId')}
        error={errors.customerId?.[0]}
        hint={user.role === 'admin' ? undefined : 'Customers of recent bookings.'}
        options={[{ value: '', label: 'Choose a customer' }, ...customers.map((c) => ({ value: c.id, label: c.name }))]}
      />
      <TextField
        label="Price (EUR)"
        inputMode="decimal"
        placeholder={car?.price ?? ''}
        hint="Leave empty for the listed price."
        value={values.price}
        onChange={set('price')}
        error={values.price && !price.success ? price.error.issues[0]?.message : errors.price?.[0]}
      />
      <TextField label="Notes" value={values.notes} onChange={set('notes')} error={errors.notes?.[0]} />
      <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-800" aria-live="polite">
        {commission ? (
          <>
            Your commission: <strong>{euros.format(Number(commission))}</strong> ({rate}% of{' '}
            {euros.format(Number(price.success ? price.data : 0))})
          </>
        ) : (
          'Choose a car to see your commission.'
        )}
      </p>
      <div>
        <Button type="submit" disabled={sell.isPending || !values.carId || !values.customerId || !price.success}>
          Record the sale
        </Button>
      </div>
    </form>
  );
}

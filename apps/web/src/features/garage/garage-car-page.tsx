import { useCarhub } from '@carhub/sdk/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button, buttonClass } from '../../components/ui/button';
import { ConfirmDialog, Dialog } from '../../components/ui/dialog';
import { Card, EmptyState, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { errorMessage, fieldErrors } from '../../lib/api-error';
import { formatMileage, label } from '../../lib/format';
import { CalendarFeedPanel } from './calendar-feed-panel';
import { CarForm } from './car-form';
import { PhotosPanel } from './photos-panel';
import { RentalsPanel } from './rentals-panel';

export function GarageCarPage({ id }: { id: string }) {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const car = useQuery({ ...carhub.cars.get.queryOptions({ id }), retry: false });
  const update = useMutation(carhub.cars.update.mutationOptions());
  const remove = useMutation({
    ...carhub.cars.delete.mutationOptions(),
    onSuccess: async () => {
      await queryClient.invalidateQueries(carhub.cars.list.infiniteQueryFilter());
      toast.success('Car deleted.');
      await navigate({ to: '/garage' });
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  if (car.isPending) {
    return (
      <Loading label="Loading the car">
        <Skeleton className="h-96" />
      </Loading>
    );
  }
  if (car.isError) {
    return (
      <EmptyState
        title="This car is not in your garage"
        action={
          <Link to="/garage" className={buttonClass()}>
            Back to my garage
          </Link>
        }
      >
        {errorMessage(car.error)}
      </EmptyState>
    );
  }
  const c = car.data;
  const title = `${c.year} ${c.make} ${c.model}`;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/garage" className="text-accent-700 hover:underline">
          My garage
        </Link>{' '}
        <span aria-hidden="true">/</span> <span className="text-slate-600">{c.make}</span>
      </nav>
      <PageHeader title={title}>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => setDialog('edit')}>
            Edit details
          </Button>
          <Button variant="danger" onClick={() => setDialog('delete')}>
            Delete car
          </Button>
        </div>
      </PageHeader>
      <Card>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          {(
            [
              ['Licence plate', c.licensePlate ?? '—'],
              ['Mileage', formatMileage(c.mileage)],
              ['Fuel', label(c.fuelType)],
              ['Transmission', label(c.transmission)],
            ] as const
          ).map(([term, value]) => (
            <div key={term}>
              <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{term}</dt>
              <dd className="text-sm font-semibold text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <PhotosPanel carId={c.id} photos={c.photos} title={title} />
      <div className="grid gap-6 lg:grid-cols-2">
        <RentalsPanel carId={c.id} />
        <CalendarFeedPanel carId={c.id} />
      </div>
      <Dialog open={dialog === 'edit'} onOpenChange={(o) => setDialog(o ? 'edit' : null)} title="Edit car details">
        <CarForm
          initial={{
            make: c.make,
            model: c.model,
            year: c.year,
            mileage: c.mileage,
            color: c.color,
            licensePlate: c.licensePlate,
            vin: c.vin,
            fuelType: c.fuelType,
            bodyType: c.bodyType,
            transmission: c.transmission,
          }}
          submitLabel="Save changes"
          pending={update.isPending}
          onSubmit={async (values) => {
            try {
              await update.mutateAsync({ id: c.id, ...values });
              await queryClient.invalidateQueries(carhub.cars.get.queryFilter({ id: c.id }));
              toast.success('Car saved.');
              setDialog(null);
              return null;
            } catch (error) {
              if (Object.keys(fieldErrors(error)).length === 0) toast.error(errorMessage(error));
              return error;
            }
          }}
        />
      </Dialog>
      <ConfirmDialog
        open={dialog === 'delete'}
        onOpenChange={(o) => setDialog(o ? 'delete' : null)}
        title={`Delete ${title}?`}
        description="Its photos and rentals are deleted with it. This can't be undone."
        confirmLabel="Delete car"
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ id: c.id })}
      />
    </div>
  );
}

import { useCarhub } from '@carhub/sdk/react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { EmptyState, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { errorMessage, fieldErrors } from '../../lib/api-error';
import { formatMileage, label } from '../../lib/format';
import { CarForm } from './car-form';

export function GaragePage() {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const list = useInfiniteQuery(
    carhub.cars.list.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (p) => p.nextCursor }),
  );
  const create = useMutation(carhub.cars.create.mutationOptions());
  const cars = list.data?.pages.flatMap((p) => p.items) ?? [];
  const addButton = <Button onClick={() => setAdding(true)}>Add a car</Button>;
  return (
    <div>
      <PageHeader title="My garage">{cars.length > 0 ? addButton : null}</PageHeader>
      {list.isPending ? (
        <Loading label="Loading your cars">
          <Skeleton className="h-40" />
        </Loading>
      ) : list.isError ? (
        <EmptyState title="We couldn't load your garage">{errorMessage(list.error)}</EmptyState>
      ) : cars.length === 0 ? (
        <EmptyState title="Your garage is empty" action={addButton}>
          Add your car to keep its photos, rentals and a calendar feed in one place.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {cars.map((car) => (
            <li key={car.id} className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
              <Link to="/garage/$id" params={{ id: car.id }} className="block">
                <div className="aspect-[16/9] bg-slate-100">
                  {car.imageUrl ? (
                    <img src={car.imageUrl} alt="" className="size-full object-cover" />
                  ) : (
                    <div className="flex size-full items-center justify-center text-sm text-slate-600">
                      No photo yet
                    </div>
                  )}
                </div>
                <div className="p-4">
                  <h2 className="font-semibold text-slate-900">
                    {car.year} {car.make} {car.model}
                  </h2>
                  <p className="text-sm text-slate-600">
                    {[car.licensePlate ?? 'No plate', formatMileage(car.mileage), car.fuelType && label(car.fuelType)]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Dialog open={adding} onOpenChange={setAdding} title="Add a car">
        <CarForm
          submitLabel="Add car"
          pending={create.isPending}
          onSubmit={async (values) => {
            try {
              const car = await create.mutateAsync(values);
              await queryClient.invalidateQueries(carhub.cars.list.infiniteQueryFilter());
              toast.success(`${car.make} ${car.model} added to your garage.`);
              setAdding(false);
              await navigate({ to: '/garage/$id', params: { id: car.id } });
              return null;
            } catch (error) {
              if (Object.keys(fieldErrors(error)).length === 0) toast.error(errorMessage(error));
              return error;
            }
          }}
        />
      </Dialog>
    </div>
  );
}

import { useCarhub } from '@carhub/sdk/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { toast } from 'sonner';
import { SlotChooser } from '../../components/slots/slot-chooser';
import type { Slot } from '../../components/slots/slot-picker';
import { Button, buttonClass } from '../../components/ui/button';
import { Card, EmptyState, Loading, Skeleton } from '../../components/ui/feedback';
import { errorMessage, isCode } from '../../lib/api-error';
import { formatInZone, formatMileage, formatPrice, label } from '../../lib/format';
import { serverSettings } from '../../lib/server-settings';
import { useSession } from '../../lib/session';
import { Gallery } from './gallery';

function BookTestDrive({ carId }: { carId: string }) {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { user } = useSession();
  const [selected, setSelected] = useState<Slot | null>(null);
  const book = useMutation({
    ...carhub.bookings.create.mutationOptions(),
    onSuccess: (booking) => {
      toast.success(
        `Test drive requested for ${formatInZone(booking.startAt, serverSettings.showroomTimeZone ?? undefined)}. We'll confirm it soon.`,
      );
      setSelected(null);
    },
    onError: (error) => {
      toast.error(errorMessage(error));
      // The hour may be gone now: the refreshed list shows what is still free.
      setSelected(null);
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries(carhub.inventory.slots.queryFilter()),
        queryClient.invalidateQueries(carhub.bookings.pathFilter()),
      ]),
  });
  const submit = (slot: Slot) => {
    if (!user) {
      void navigate({ to: '/login', search: { redirect: `/cars/${carId}` } });
      return;
    }
    book.mutate({ carId, kind: 'test_drive', startAt: slot.startAt });
  };
  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">Book a test drive</h2>
      <p className="mt-1 mb-4 text-sm text-slate-600">One hour with the car and one of our team.</p>
      {user === null ? (
        <p className="mb-4 rounded-lg bg-accent-50 p-3 text-sm text-slate-800">
          <Link to="/login" search={{ redirect: `/cars/${carId}` }} className="font-semibold text-accent-700 underline">
            Sign in
          </Link>{' '}
          to book; pick an hour to see what's free.
        </p>
      ) : null}
      <SlotChooser carId={carId} selected={selected} onSelect={setSelected} onConfirm={submit} />
      <Button
        className="mt-4 w-full"
        disabled={!selected || book.isPending}
        onClick={() => selected && submit(selected)}
      >
        {selected ? `Book ${selected.localTime}` : 'Pick an hour'}
      </Button>
    </Card>
  );
}

export function CarPage({ id }: { id: string }) {
  const carhub = useCarhub();
  const car = useQuery({ ...carhub.inventory.get.queryOptions({ id }), retry: false });
  if (car.isPending) {
    return (
      <Loading label="Loading the car">
        <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
          <Skeleton className="aspect-[4/3]" />
          <Skeleton className="h-96" />
        </div>
      </Loading>
    );
  }
  if (car.isError) {
    return (
      <EmptyState
        title={
          isCode(car.error, 'NOT_FOUND') || isCode(car.error, 'BAD_REQUEST')
            ? 'This car is not on offer'
            : "We couldn't load this car"
        }
        action={
          <Link to="/" className={buttonClass()}>
            Back to the catalogue
          </Link>
        }
      >
        {errorMessage(car.error)}
      </EmptyState>
    );
  }
  const c = car.data;
  const title = `${c.year} ${c.make} ${c.model}`;
  const specs: [string, string][] = [
    ['Year', String(c.year)],
    ['Mileage', formatMileage(c.mileage)],
    ['Fuel', label(c.fuelType)],
    ['Body', label(c.bodyType)],
    ['Transmission', label(c.transmission)],
    ['Colour', c.color ?? '—'],
  ];
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/" className="text-accent-700 hover:underline">
          Catalogue
        </Link>{' '}
        <span aria-hidden="true">/</span> <span className="text-slate-600">{c.make}</span>
      </nav>
      {/* On a phone the two columns dissolve into one: title, photos, booking, then specs. */}
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <div className="contents lg:block lg:min-w-0 lg:space-y-6">
          <div className="order-2 min-w-0">
            <Gallery photos={c.photos} title={title} />
          </div>
          <Card className="order-4">
            <h2 className="mb-3 text-lg font-semibold text-slate-900">Specifications</h2>
            <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3">
              {specs.map(([term, value]) => (
                <div key={term}>
                  <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{term}</dt>
                  <dd className="text-sm font-semibold text-slate-900">{value}</dd>
                </div>
              ))}
            </dl>
            {c.notes ? <p className="mt-4 text-sm text-slate-700">{c.notes}</p> : null}
          </Card>
        </div>
        <div className="contents lg:block lg:min-w-0 lg:space-y-6">
          <div className="order-1">
            <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{title}</h1>
            <p className="mt-2 text-3xl font-bold text-accent-700">{formatPrice(c.price)}</p>
            {c.status === 'reserved' ? (
              <p className="mt-2 inline-block rounded-full bg-amber-100 px-3 py-1 text-sm font-semibold text-amber-900">
                Reserved: you can still book a drive
              </p>
            ) : null}
          </div>
          <div className="order-3 min-w-0">
            <BookTestDrive carId={c.id} />
          </div>
        </div>
      </div>
    </div>
  );
}

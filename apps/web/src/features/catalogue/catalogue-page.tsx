import type { RouterOutputs } from '@carhub/sdk';
import { useCarhub } from '@carhub/sdk/react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { Button } from '../../components/ui/button';
import { EmptyState, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { SelectField, TextField } from '../../components/ui/field';
import { errorMessage } from '../../lib/api-error';
import { formatMileage, formatPrice, label } from '../../lib/format';
import {
  bodyTypes,
  type CatalogueSearch,
  fuelTypes,
  hasFilters,
  listInput,
  sorts,
  transmissions,
} from './catalogue-search';

type Car = RouterOutputs['inventory']['list']['items'][number];

const any = { value: '', label: 'Any' };
const options = (values: readonly string[]) => [any, ...values.map((v) => ({ value: v, label: label(v) }))];

function CarCard({ car }: { car: Car }) {
  const primary = car.photos.find((p) => p.isPrimary) ?? car.photos[0];
  return (
    <li className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200 transition hover:shadow-md">
      <Link to="/cars/$id" params={{ id: car.id }} className="block">
        <div className="aspect-[4/3] bg-slate-100">
          {primary ? (
            <img
              src={primary.thumbnailUrl ?? primary.url}
              alt={primary.altText ?? `${car.year} ${car.make} ${car.model}`}
              className="size-full object-cover"
              loading="lazy"
            />
          ) : (
            <div className="flex size-full items-center justify-center text-sm text-slate-600">No photo yet</div>
          )}
        </div>
        <div className="space-y-1 p-4">
          <div className="flex items-start justify-between gap-2">
            <h2 className="text-base font-semibold text-slate-900">
              {car.make} {car.model}
            </h2>
            {car.status === 'reserved' ? (
              <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
                Reserved
              </span>
            ) : null}
          </div>
          <p className="text-sm text-slate-600">
            {car.year} · {formatMileage(car.mileage)} · {label(car.fuelType)} · {label(car.transmission)}
          </p>
          <p className="pt-1 text-lg font-bold text-accent-700">{formatPrice(car.price)}</p>
        </div>
      </Link>
    </li>
  );
}

function Filters({ search }: { search: CatalogueSearch }) {
  const navigate = useNavigate();
  const formId = useId();
  // Open on wide screens and whenever a filter beyond the search is set; folded on a phone.
  const [moreOpen, setMoreOpen] = useState(
    () =>
      Object.entries(search).some(([key, value]) => key !== 'q' && value) ||
      (typeof window !== 'undefined' && window.matchMedia('(min-width: 1024px)').matches),
  );
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next: Record<string, string | undefined> = {};
    for (const [key, value] of data.entries()) {
      const text = String(value).trim();
      next[key] = text === '' ? undefined : text;
    }
    void navigate({ to: '/', search: next as CatalogueSearch });
  };
  return (
    <form
      id={formId}
      key={JSON.stringify(search)}
      onSubmit={apply}
      aria-label="Filter the catalogue"
      className="space-y-4 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <TextField
        label="Search"
        name="q"
        type="search"
        placeholder="Make, model, colour or VIN"
        defaultValue={search.q}
      />
      <details open={moreOpen} onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
        <summary className="cursor-pointer text-sm font-semibold text-accent-700 lg:hidden">
          More filters and sort
        </summary>
        <div className="mt-4 space-y-4 lg:mt-0">
          <div className="grid grid-cols-2 gap-3">
            <TextField label="Make" name="make" defaultValue={search.make} />
            <TextField label="Model" name="model" defaultValue={search.model} />
            <TextField label="Year from" name="minYear" inputMode="numeric" defaultValue={search.minYear} />
            <TextField label="Year to" name="maxYear" inputMode="numeric" defaultValue={search.maxYear} />
            <TextField label="Price from (€)" name="minPrice" inputMode="decimal" defaultValue={search.minPrice} />
            <TextField label="Price to (€)" name="maxPrice" inputMode="decimal" defaultValue={search.maxPrice} />
          </div>
          <SelectField label="Fuel" name="fuelType" options={options(fuelTypes)} defaultValue={search.fuelType ?? ''} />
          <SelectField label="Body" name="bodyType" options={options(bodyTypes)} defaultValue={search.bodyType ?? ''} />
          <SelectField
            label="Transmission"
            name="transmission"
            options={options(transmissions)}
            defaultValue={search.transmission ?? ''}
          />
          <SelectField
            label="Availability"
            name="status"
            options={options(['available', 'reserved'])}
            defaultValue={search.status ?? ''}
          />
          <SelectField label="Sort by" name="sort" options={sorts} defaultValue={search.sort ?? '-createdAt'} />
        </div>
      </details>
      <div className="flex gap-2">
        <Button type="submit" className="flex-1">
          Show cars
        </Button>
        <Button
          variant="secondary"
          disabled={!hasFilters(search) && !search.sort}
          onClick={() => void navigate({ to: '/', search: {} })}
        >
          Clear filters
        </Button>
      </div>
    </form>
  );
}

export function CataloguePage({ search }: { search: CatalogueSearch }) {
  const carhub = useCarhub();
  const navigate = useNavigate();
  const list = useInfiniteQuery(
    carhub.inventory.list.infiniteQueryOptions(listInput(search), {
      getNextPageParam: (page) => page.nextCursor,
    }),
  );
  const cars = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div>
      <PageHeader title="Find your next car">
        <p className="text-sm text-slate-600">Book a test drive in a couple of clicks.</p>
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <aside>
          <Filters search={search} />
        </aside>
        <section aria-label="Cars">
          {list.isPending ? (
            <Loading label="Loading cars">
              <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
                {['a', 'b', 'c', 'd', 'e', 'f'].map((key) => (
                  <li key={key}>
                    <Skeleton className="h-72" />
                  </li>
                ))}
              </ul>
            </Loading>
          ) : list.isError ? (
            <EmptyState
              title="We couldn't load the catalogue"
              action={<Button onClick={() => list.refetch()}>Try again</Button>}
            >
              {errorMessage(list.error)}
            </EmptyState>
          ) : cars.length === 0 ? (
            <EmptyState
              title="No cars match these filters"
              action={
                <Button variant="secondary" onClick={() => void navigate({ to: '/', search: {} })}>
                  Clear filters
                </Button>
              }
            >
              Widen the price or year range, or search for another make.
            </EmptyState>
          ) : (
            <>
              <p className="mb-3 text-sm text-slate-600" aria-live="polite">
                Showing {cars.length} {cars.length === 1 ? 'car' : 'cars'}
                {list.hasNextPage ? ' so far' : ''}
              </p>
              <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
                {cars.map((car) => (
                  <CarCard key={car.id} car={car} />
                ))}
              </ul>
              {list.hasNextPage ? (
                <div className="mt-6 flex justify-center">
                  <Button variant="secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                    {list.isFetchingNextPage ? 'Loading…' : 'Show more cars'}
                  </Button>
                </div>
              ) : null}
            </>
          )}
        </section>
      </div>
    </div>
  );
}

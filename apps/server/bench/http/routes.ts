/** The benchmarked calls: each REST route with its twin, and the same calls over tRPC. */
export interface BenchRoute {
  name: string;
  path: string;
  /** Which session signs the call in (none: anonymous). */
  as?: 'small' | 'large';
  /** Whether the twin answers this path (the ratio column compares against it). */
  twin: boolean;
  /** For tRPC calls: the REST route of the same call, to compare with. */
  sameAs?: string;
}

export interface RouteValues {
  carId: string;
  stockCarId: string;
  catalogue: string;
  page50Cursor: string;
  slotDate: string;
}

function trpcInput(json: unknown): string {
  return encodeURIComponent(JSON.stringify({ json }));
}

function trpcBatch(inputs: unknown[]): string {
  return encodeURIComponent(JSON.stringify(Object.fromEntries(inputs.map((json, i) => [i, { json }]))));
}

export function benchRoutes(v: RouteValues): BenchRoute[] {
  const range = { make: 'Toyota', minPrice: '10000.00', maxPrice: '60000.00' };
  const page50 = `/api/inventory?${v.catalogue}&cursor=${v.page50Cursor}`;
  return [
    { name: 'GET /api/cars (20, 100-car owner)', path: '/api/cars', as: 'small', twin: true },
    { name: 'GET /api/cars?limit=100 (1,000-car owner)', path: '/api/cars?limit=100', as: 'large', twin: true },
    { name: 'GET /api/cars/{id}', path: `/api/cars/${v.carId}`, as: 'small', twin: true },
    { name: 'GET /api/inventory make+price p1', path: `/api/inventory?${v.catalogue}`, twin: true },
    { name: 'GET /api/inventory make+price p50', path: page50, twin: true },
    { name: 'GET /api/bookings (client)', path: '/api/bookings', as: 'small', twin: true },
    {
      name: 'GET /api/inventory/{id}/slots',
      path: `/api/inventory/${v.stockCarId}/slots?date=${v.slotDate}`,
      twin: false,
    },
    { name: 'GET /api/auth/me', path: '/api/auth/me', as: 'small', twin: true },
    {
      name: 'tRPC cars.list',
      path: `/trpc/cars.list?input=${trpcInput({ limit: 20 })}`,
      as: 'small',
      twin: false,
      sameAs: 'GET /api/cars (20, 100-car owner)',
    },
    {
      name: 'tRPC cars.get',
      path: `/trpc/cars.get?input=${trpcInput({ id: v.carId })}`,
      as: 'small',
      twin: false,
      sameAs: 'GET /api/cars/{id}',
    },
    {
      name: 'tRPC inventory.list p50',
      path: `/trpc/inventory.list?input=${trpcInput({ ...range, cursor: v.page50Cursor })}`,
      twin: false,
      sameAs: 'GET /api/inventory make+price p50',
    },
    {
      name: 'tRPC auth.me',
      path: `/trpc/auth.me?input=${trpcInput(undefined)}`,
      as: 'small',
      twin: false,
      sameAs: 'GET /api/auth/me',
    },
    {
      name: 'tRPC batch auth.me+cars.list+bookings.list',
      path: `/trpc/auth.me,cars.list,bookings.list?batch=1&input=${trpcBatch([undefined, { limit: 20 }, { limit: 20 }])}`,
      as: 'small',
      twin: false,
    },
  ];
}

import type { RouterInputs } from '@carhub/sdk';
import { z } from 'zod';

export const fuelTypes = ['petrol', 'diesel', 'hybrid', 'electric', 'lpg', 'other'] as const;
export const bodyTypes = [
  'sedan',
  'hatchback',
  'suv',
  'coupe',
  'convertible',
  'wagon',
  'van',
  'pickup',
  'other',
] as const;
export const transmissions = ['manual', 'automatic'] as const;
export const sorts = [
  { value: '-createdAt', label: 'Newest first' },
  { value: 'price', label: 'Price: low to high' },
  { value: '-price', label: 'Price: high to low' },
  { value: '-year', label: 'Year: newest' },
  { value: 'year', label: 'Year: oldest' },
  { value: 'mileage', label: 'Mileage: lowest' },
] as const;

const text = z.string().trim().max(100).optional().catch(undefined);

/** The catalogue's filters as they live in the URL: unknown or broken values are dropped, not fatal. */
export const catalogueSearch = z.object({
  q: text,
  make: text,
  model: text,
  minYear: text,
  maxYear: text,
  minPrice: text,
  maxPrice: text,
  fuelType: z.enum(fuelTypes).optional().catch(undefined),
  bodyType: z.enum(bodyTypes).optional().catch(undefined),
  transmission: z.enum(transmissions).optional().catch(undefined),
  status: z.enum(['available', 'reserved']).optional().catch(undefined),
  sort: z
    .enum(sorts.map((s) => s.value) as [string, ...string[]])
    .optional()
    .catch(undefined),
});

export type CatalogueSearch = z.infer<typeof catalogueSearch>;
type ListInput = RouterInputs['inventory']['list'];

export const PAGE_SIZE = 12;

/** The inventory.list input for the URL's filters (empty ones left out). */
export function listInput(search: CatalogueSearch): Omit<ListInput, 'cursor'> {
  const input: Record<string, unknown> = { limit: PAGE_SIZE };
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === '') continue;
    input[key] = ['minYear', 'maxYear'].includes(key) ? Number(value) : value;
  }
  return input as Omit<ListInput, 'cursor'>;
}

export function hasFilters(search: CatalogueSearch): boolean {
  return Object.entries(search).some(([key, value]) => key !== 'sort' && value !== undefined && value !== '');
}

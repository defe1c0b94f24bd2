import type { CarStatus } from '@carhub/db';

/**
 * Stock on offer: what everyone sees (the public catalogue), and what can be booked or sold.
 * Staff and admin see sold and removed stock as well.
 */
export const publicStockStatuses = ['available', 'reserved'] as const satisfies readonly CarStatus[];

export function isOnOffer(status: CarStatus): boolean {
  return (publicStockStatuses as readonly CarStatus[]).includes(status);
}

/** Every status a stock car can have (a garage car has none). */
export const carStatuses = ['available', 'reserved', 'sold', 'removed'] as const satisfies readonly CarStatus[];

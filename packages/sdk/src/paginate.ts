import type { TRPCRequestOptions } from '@trpc/client';

/** A keyset list of the client (`client.cars.list`, `client.inventory.list`, ...). */
export interface PagedProcedure<TInput, TItem> {
  query(input: TInput, options?: TRPCRequestOptions): Promise<{ items: TItem[]; nextCursor: string | null }>;
}

/** A list's input without its cursor: the filters, sort and page size (`limit`) to walk with. */
export type PageInput<TInput> = Omit<NonNullable<TInput>, 'cursor'>;

/**
 * Every item of a keyset list, page after page: follows `nextCursor` until the last page.
 * Pages are fetched as you iterate (one request per `limit` items), so stopping early (a
 * `break`) fetches no more. `signal` cancels the page being fetched.
 *
 * @example
 * for await (const car of paginate(client.cars.list, { limit: 100, sort: 'make' })) console.log(car.make);
 */
export async function* paginate<TInput extends { cursor?: string | null } | undefined, TItem>(
  procedure: PagedProcedure<TInput, TItem>,
  input: PageInput<TInput>,
  options?: TRPCRequestOptions,
): AsyncGenerator<TItem, void, undefined> {
  let cursor: string | null = null;
  const seen = new Set<string>();
  do {
    const page: { items: TItem[]; nextCursor: string | null } = await procedure.query(
      { ...input, cursor } as TInput,
      options,
    );
    yield* page.items;
    cursor = page.nextCursor;
    // A server that hands back a cursor twice would loop for ever; stop instead.
    if (cursor !== null) {
      if (seen.has(cursor)) throw new Error('paginate: the server returned the same cursor twice.');
      seen.add(cursor);
    }
  } while (cursor !== null);
}

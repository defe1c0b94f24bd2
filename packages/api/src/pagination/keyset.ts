import { isPgError } from '@carhub/db';
import { type SelectQueryBuilder, sql } from 'kysely';
import { z } from 'zod';
import { decodeCursor, encodeCursor, invalidCursor } from './cursor';

/** The SQL type of a sort key: the cursor's key is cast back to it for the comparison. */
export type SortKeyType = 'integer' | 'numeric' | 'text' | 'timestamptz' | 'date';

export interface SortKey {
  /** A NOT NULL column, e.g. `cars.price` (camelCase, as the query builder spells it). */
  column: string;
  type: SortKeyType;
}

/** `price` sorts ascending, `-price` descending. */
export type SortParam<S extends string> = S | `-${S}`;

export interface Keyset<S extends string> {
  /** The unique uuid column that breaks ties, e.g. `cars.id`. */
  readonly id: string;
  readonly keys: Readonly<Record<S, SortKey>>;
  readonly sorts: readonly [SortParam<S>, ...SortParam<S>[]];
  readonly defaultSort: SortParam<S>;
}

/** The sort names of a keyset: `KeysetSort<typeof carsKeyset>` is `'price' | 'year' | ...`. */
export type KeysetSort<K> = K extends Keyset<infer S> ? S : never;

export interface PageRequest<S extends string> {
  sort: SortParam<S>;
  /** A previous page's `nextCursor`; none (or null) for the first page. */
  cursor?: string | null | undefined;
  limit: number;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const PAGE_LIMIT_MAX = 100;
export const PAGE_LIMIT_DEFAULT = 20;

/** The sorts one list offers. Every list's sort keys are declared here, once. */
export function defineKeyset<const S extends string>(spec: {
  id: string;
  keys: Record<S, SortKey>;
  defaultSort: SortParam<NoInfer<S>>;
}): Keyset<S> {
  const names = Object.keys(spec.keys) as S[];
  const sorts = names.flatMap((name) => [name, `-${name}` as const]) as unknown as [SortParam<S>, ...SortParam<S>[]];
  return { id: spec.id, keys: spec.keys, sorts, defaultSort: spec.defaultSort };
}

/** `limit`, `cursor` and `sort`, to spread into a list's input object (numbers coerced for query strings). */
export function pageInputShape<S extends string>(keyset: Keyset<S>) {
  const sort = z.enum(keyset.sorts, { error: `sort must be one of: ${keyset.sorts.join(', ')}.` });
  return {
    limit: z.coerce
      .number<number>()
      .int(`limit must be a whole number from 1 to ${PAGE_LIMIT_MAX}.`)
      .min(1, `limit must be a whole number from 1 to ${PAGE_LIMIT_MAX}.`)
      .max(PAGE_LIMIT_MAX, `limit must be a whole number from 1 to ${PAGE_LIMIT_MAX}.`)
      .default(PAGE_LIMIT_DEFAULT),
    // Nullable too, so a client can pass the last page's `nextCursor` back as it came.
    cursor: z.string().max(1000, 'This cursor is not valid: start again from the first page.').nullish(),
    // The default is one of the sorts by construction; the generic S hides that from the compiler.
    sort: sort.default(keyset.defaultSort as never),
  };
}

export function pageOutput<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

const keyFormats: Record<SortKeyType, RegExp> = {
  integer: /^-?\d{1,10}$/,
  numeric: /^-?\d{1,20}(\.\d{1,20})?$/,
  text: /^[\s\S]*$/,
  timestamptz: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
};

// Column aliases the page adds to read each row's position; removed from the items.
const KEY = 'pageKey';
const ID = 'pageId';

/**
 * Runs `query` (its filters already applied) for one page: ordered by (sort key, id), starting
 * after the cursor's row by a row-value comparison the (key, id) index answers directly, so
 * page N costs what page 1 costs (no OFFSET). Works with `db` or a transaction's `trx`.
 */
export async function paginate<DB, TB extends keyof DB, O, S extends string>(
  query: SelectQueryBuilder<DB, TB, O>,
  keyset: Keyset<S>,
  page: PageRequest<S>,
): Promise<Page<O>> {
  const descending = page.sort.startsWith('-');
  const sortKey = keyset.keys[(descending ? page.sort.slice(1) : page.sort) as S];
  const key = sql.ref(sortKey.column);
  const id = sql.ref(keyset.id);
  const direction = descending ? 'desc' : 'asc';

  let q = (query as unknown as SelectQueryBuilder<any, any, Record<string, unknown>>).select([
    sql<string>`${key}::text`.as(KEY),
    sql<string>`${id}::text`.as(ID),
  ]);
  if (page.cursor) {
    const after = decodeCursor(page.cursor, page.sort);
    if (!keyFormats[sortKey.type].test(after.key)) throw invalidCursor();
    const cast = sql.raw(sortKey.type);
    q = q.where(
      sql<boolean>`(${key}, ${id}) ${sql.raw(descending ? '<' : '>')} (cast(${after.key} as ${cast}), cast(${after.id} as uuid))`,
    );
  }
  q = q
    .orderBy(key, direction)
    .orderBy(id, direction)
    .limit(page.limit + 1);

  let rows: Record<string, unknown>[];
  try {
    rows = await q.execute();
  } catch (error) {
    // Class 22 (data exception): a key that passed the format check but is no value of its
    // type, such as February 30th.
    if (page.cursor && isPgError(error) && error.code.startsWith('22')) throw invalidCursor();
    throw error;
  }

  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  const items = pageRows.map(({ [KEY]: _key, [ID]: _id, ...item }) => item as O);
  const nextCursor =
    rows.length > page.limit && last
      ? encodeCursor({ sort: page.sort, key: String(last[KEY]), id: String(last[ID]) })
      : null;
  return { items, nextCursor };
}

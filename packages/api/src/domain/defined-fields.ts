/**
 * The fields of a partial change that were given: keys whose value is `undefined` dropped, so an
 * update sets only what the caller named (`null` stays: it clears a column).
 */
export function definedFields<T extends object>(changes: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/**
 * `T` whose optional keys also take `undefined`, the way zod's `.optional()` parses an absent
 * field: the domain's argument types, so a parsed input passes as it is. An absent key and an
 * `undefined` one mean the same to the domain (inserts and `definedFields` skip both).
 */
export type WithUndefined<T> = { [K in keyof T]: K extends OptionalKeys<T> ? T[K] | undefined : T[K] };

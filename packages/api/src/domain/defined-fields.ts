/**
 * The fields of a partial change that were given: keys whose value is `undefined` dropped, so an
 * update sets only what the caller named (`null` stays: it clears a column).
 */
export function definedFields<T extends object>(changes: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

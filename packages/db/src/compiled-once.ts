import type { Compilable, CompiledQuery } from 'kysely';
import type { Database } from './create-db';

/**
 * A statement whose shape never changes, built and compiled once per database handle and then
 * run with each call's values. Kysely otherwise builds the query, runs it through its plugins
 * and compiles it on every execute: for the statement every request makes
 * (the session lookup) that is per-request work producing the same SQL text each time.
 *
 * `build` gets `value(name)`, a stand-in for each per-call value; the compiled parameters hold
 * the stand-ins, and each run swaps in the call's values. Every other parameter (a literal the
 * query builder bound, such as `true`) stays as compiled. Rows come back through the same
 * plugins as any other query (snake_case to camelCase).
 */
export function compiledOnce<Row>(
  db: Database,
  build: (value: <T>(name: string) => T) => Compilable<Row>,
): (values: Record<string, unknown>) => Promise<Row[]> {
  let compiled: { query: CompiledQuery<Row>; slots: (string | null)[] } | undefined;
  const standIn = (name: string) => `\u0000compiled-once:${name}`;
  return async (values) => {
    if (!compiled) {
      const query = build(<T>(name: string) => standIn(name) as T).compile();
      const names = new Map(Object.keys(values).map((name) => [standIn(name), name]));
      const slots = query.parameters.map((p) => (typeof p === 'string' ? (names.get(p) ?? null) : null));
      const missing = [...names.values()].filter((name) => !slots.includes(name));
      if (missing.length > 0) throw new Error(`compiledOnce: the query does not bind ${missing.join(', ')}`);
      compiled = { query, slots };
    }
    const { query, slots } = compiled;
    const parameters = query.parameters.map((p, i) => {
      const slot = slots[i];
      return slot === null || slot === undefined ? p : values[slot];
    });
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}

/**
 * compiledOnce for a query that module-level code runs on whichever handle its caller passes:
 * compiled once per handle (a transaction's handle compiles its own once).
 */
export function compiledPerHandle<Row>(
  build: (db: Database, value: <T>(name: string) => T) => Compilable<Row>,
): (db: Database, values: Record<string, unknown>) => Promise<Row[]> {
  const byHandle = new WeakMap<Database, (values: Record<string, unknown>) => Promise<Row[]>>();
  return (db, values) => {
    let run = byHandle.get(db);
    if (!run) {
      run = compiledOnce(db, (value) => build(db, value));
      byHandle.set(db, run);
    }
    return run(values);
  };
}

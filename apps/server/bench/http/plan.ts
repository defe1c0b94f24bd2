/**
 * What the twin runs: the SQL our procedures send, captured from Kysely's log while the real
 * procedures answer one sample request each, with every parameter traced back to where the
 * twin reads it from (the bearer token's hash, the session's user, the query string, the ids of
 * the previous query's rows) or kept as the constant the procedure put there.
 */
import { createHash } from 'node:crypto';
import { createCaller, createContextInner } from '@carhub/api';
import { createDb } from '@carhub/db';
import type { CompiledQuery } from 'kysely';

/** Where one parameter's value comes from per request (`ids`: the previous query's row ids, as one array). */
export type ParamSpec = { value: string | number | boolean | null } | { name: string } | { ids: true };

export interface Step {
  sql: string;
  params: ParamSpec[];
}

export type TwinKind = 'garagePage' | 'garageCar' | 'stockPage' | 'me' | 'bookingPage';

export interface TwinRoute {
  kind: TwinKind;
  /** The first page (or the only answer). */
  steps: Step[];
  /** A later page, asked for with a cursor (lists only). */
  cursorSteps?: Step[];
  /** The answer's (or each item's) keys in the order the procedure's output schema writes them. */
  keys: string[];
}

export type Plan = Record<TwinKind, TwinRoute>;

export interface PlanSamples {
  token: string;
  userId: string;
  carId: string;
  make: string;
  /** Normalised decimal strings, as the input schema makes them (e.g. "10000.00"). */
  minPrice: string;
  maxPrice: string;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toStep(query: CompiledQuery, named: Record<string, unknown>): Step {
  const params = query.parameters.map((value): ParamSpec => {
    // The photos of a page of cars: their ids, as one array parameter.
    if (Array.isArray(value) && query.sql.includes('from "car_photos"')) return { ids: true };
    const name = Object.keys(named).find((key) => named[key] === value);
    if (name) return { name };
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      return { value: value as string | number | boolean | null };
    }
    throw new Error(`a parameter the twin can't replay: ${String(value)} in ${query.sql}`);
  });
  return { sql: query.sql, params };
}

type Caller = ReturnType<typeof createCaller>;

/** Runs each procedure the twin stands in for once (lists twice: page 1, then page 2), recording its queries. */
export async function capturePlan(url: string, samples: PlanSamples): Promise<Plan> {
  const captured: CompiledQuery[] = [];
  const db = createDb(url, { log: (event) => void (event.level === 'query' && captured.push(event.query)) });
  const base = {
    tokenHash: tokenHash(samples.token),
    userId: samples.userId,
    carId: samples.carId,
    make: samples.make,
    minPrice: samples.minPrice,
    maxPrice: samples.maxPrice,
    limitPlus1: 21,
  };
  const run = async (signedIn: boolean, call: (caller: Caller) => Promise<unknown>, named: Record<string, unknown>) => {
    captured.length = 0;
    const ctx = await createContextInner({ db, token: signedIn ? samples.token : null });
    const result = await call(createCaller(ctx));
    return { result, steps: captured.map((query) => toStep(query, named)) };
  };
  const one = async (kind: TwinKind, signedIn: boolean, call: (caller: Caller) => Promise<unknown>) => {
    const { result, steps } = await run(signedIn, call, base);
    return { kind, steps, keys: Object.keys(result as object) };
  };
  const list = async (
    kind: TwinKind,
    signedIn: boolean,
    call: (caller: Caller, cursor: string | null) => Promise<{ nextCursor: string | null }>,
  ): Promise<TwinRoute> => {
    const first = await run(signedIn, (c) => call(c, null), base);
    const cursor = (first.result as { nextCursor: string | null }).nextCursor;
    if (!cursor) throw new Error(`${kind}: the sample has a single page`);
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k: string; i: string };
    const later = await run(signedIn, (c) => call(c, cursor), { ...base, cursorKey: position.k, cursorId: position.i });
    const [item] = (first.result as { items: object[] }).items;
    return { kind, steps: first.steps, cursorSteps: later.steps, keys: Object.keys(item ?? {}) };
  };
  try {
    const range = { make: samples.make, minPrice: samples.minPrice, maxPrice: samples.maxPrice };
    return {
      garagePage: await list('garagePage', true, (c, cursor) => c.cars.list({ limit: 20, cursor })),
      garageCar: await one('garageCar', true, (c) => c.cars.get({ id: samples.carId })),
      stockPage: await list('stockPage', false, (c, cursor) => c.inventory.list({ ...range, limit: 20, cursor })),
      me: await one('me', true, (c) => c.auth.me()),
      bookingPage: await list('bookingPage', true, (c, cursor) => c.bookings.list({ limit: 20, cursor })),
    };
  } finally {
    await db.destroy();
  }
}

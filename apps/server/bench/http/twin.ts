/**
 * The twin: a bare Fastify + pg server answering the benchmarked routes with the SQL our
 * procedures send (plan.ts captures it) and the same JSON, with no tRPC, no OpenAPI adapter,
 * no zod and no query builder. It is the bar the real server is measured against.
 * `node --import tsx twin.ts <plan.json>` with DATABASE_URL and PORT set.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';
import type { Plan, Step } from './plan';

const plan = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Plan;
// The parsers @carhub/db gives pg: int8 as a number, numeric and date as strings.
const parsers: Record<number, (value: string) => unknown> = {
  20: Number,
  1700: (value) => value,
  1082: (value) => value,
};
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  types: {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  },
});

type Row = Record<string, unknown>;
const camelNames = new Map<string, string>();
function camel(name: string): string {
  let out = camelNames.get(name);
  if (out === undefined) {
    out = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    camelNames.set(name, out);
  }
  return out;
}

async function run(step: Step, named: Record<string, unknown>, ids: readonly unknown[] = []): Promise<Row[]> {
  const values = step.params.map((p) => ('value' in p ? p.value : 'name' in p ? named[p.name] : ids));
  const result = await pool.query(step.sql, values);
  return result.rows.map((row: Row) => {
    const out: Row = {};
    for (const key in row) out[camel(key)] = row[key];
    return out;
  });
}

/** The object with its keys in the output schema's order (what the procedure's answer has). */
function ordered(row: Row, keys: readonly string[]): Row {
  const out: Row = {};
  for (const key of keys) out[key] = row[key];
  return out;
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : null;
}

async function userOf(request: FastifyRequest, step: Step | undefined): Promise<Row | null> {
  const token = bearer(request);
  if (!token || !step) return null;
  const [row] = await run(step, { tokenHash: createHash('sha256').update(token).digest('hex') });
  return row ?? null;
}

function unauthorized(reply: FastifyReply) {
  return reply.code(401).send({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
}

/** Page rows (one more than the limit) with their photos, as the list procedures answer. */
async function carPage(
  rows: Row[],
  limit: number,
  photosStep: Step | undefined,
  sort: string,
  keys: string[],
  hideNotes: boolean,
) {
  const pageRows = rows.slice(0, limit);
  const cars = await withPhotos(pageRows, photosStep);
  const items = cars.map((car) => ordered(hideNotes ? { ...car, notes: null } : car, keys));
  return { items, nextCursor: nextCursor(rows, limit, sort) };
}

function nextCursor(rows: Row[], limit: number, sort: string): string | null {
  const last = rows[limit - 1];
  if (rows.length <= limit || !last) return null;
  return Buffer.from(JSON.stringify({ s: sort, k: String(last.pageKey), i: String(last.pageId) })).toString(
    'base64url',
  );
}

async function withPhotos(cars: Row[], photosStep: Step | undefined): Promise<Row[]> {
  if (cars.length === 0 || !photosStep) return cars.map((car) => ({ ...car, imageUrl: null, photos: [] }));
  const photos = await run(
    photosStep,
    {},
    cars.map((car) => car.id),
  );
  if (photos.length > 0) throw new Error('the twin seeds no photos, so it signs no URLs');
  return cars.map((car) => ({ ...car, imageUrl: null, photos: [] }));
}

interface ListQuery {
  limit?: string;
  cursor?: string;
  make?: string;
  minPrice?: string;
  maxPrice?: string;
}

function cursorNames(query: ListQuery) {
  const limit = query.limit ? Number(query.limit) : 20;
  if (!query.cursor) return { limit, named: { limitPlus1: limit + 1 }, sort: '' };
  const position = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as Record<string, string>;
  return {
    limit,
    sort: position.s ?? '',
    named: { limitPlus1: limit + 1, cursorKey: position.k, cursorId: position.i },
  };
}

const app = Fastify({ logger: false });

app.get<{ Querystring: ListQuery }>('/api/cars', async (request, reply) => {
  const route = plan.garagePage;
  const steps = request.query.cursor ? (route.cursorSteps ?? []) : route.steps;
  const user = await userOf(request, steps[0]);
  if (!user) return unauthorized(reply);
  const { limit, named } = cursorNames(request.query);
  const rows = await run(steps[1] as Step, { ...named, userId: user.userId });
  return carPage(rows, limit, steps[2], '-createdAt', route.keys, false);
});

app.get<{ Params: { id: string } }>('/api/cars/:id', async (request, reply) => {
  const steps = plan.garageCar.steps;
  const user = await userOf(request, steps[0]);
  if (!user) return unauthorized(reply);
  const [car] = await run(steps[1] as Step, { carId: request.params.id });
  if (!car || car.ownerId !== user.userId) return reply.code(404).send({ code: 'NOT_FOUND', message: 'No such car.' });
  const [out] = await withPhotos([car], steps[2]);
  return ordered(out ?? {}, plan.garageCar.keys);
});

app.get<{ Querystring: ListQuery }>('/api/inventory', async (request) => {
  const route = plan.stockPage;
  const steps = request.query.cursor ? (route.cursorSteps ?? []) : route.steps;
  const { limit, named } = cursorNames(request.query);
  const { make, minPrice, maxPrice } = request.query;
  const rows = await run(steps[0] as Step, { ...named, make, minPrice, maxPrice });
  return carPage(rows, limit, steps[1], '-createdAt', route.keys, true);
});

app.get('/api/auth/me', async (request, reply) => {
  const steps = plan.me.steps;
  const user = await userOf(request, steps[0]);
  if (!user) return unauthorized(reply);
  const [me] = await run(steps[1] as Step, { userId: user.userId });
  return me && ordered(me, plan.me.keys);
});

app.get<{ Querystring: ListQuery }>('/api/bookings', async (request, reply) => {
  const route = plan.bookingPage;
  const steps = request.query.cursor ? (route.cursorSteps ?? []) : route.steps;
  const user = await userOf(request, steps[0]);
  if (!user) return unauthorized(reply);
  const { limit, named } = cursorNames(request.query);
  const rows = await run(steps[1] as Step, { ...named, userId: user.userId });
  const pageRows = rows.slice(0, limit).map((booking) => ordered(booking, route.keys));
  return { items: pageRows, nextCursor: nextCursor(rows, limit, '-startAt') };
});

const close = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', close);
process.once('SIGINT', close);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('twin ready');

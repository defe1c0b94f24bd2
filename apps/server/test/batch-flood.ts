import { performance } from 'node:perf_hooks';
import type { Database } from '@carhub/db';
import { sql } from 'kysely';

/** Stock rows for the catalogue to page through: what a flood of catalogue batches reads. */
export async function insertFloodStock(db: Database, count: number): Promise<void> {
  await sql`
    insert into cars (make, model, year, vin, mileage, fuel_type, body_type, transmission, price, status)
    select (array['Toyota', 'Volkswagen', 'BMW', 'Ford', 'Tesla'])[1 + i % 5],
           (array['Corolla', 'Golf', 'X5', 'Focus', 'Model 3'])[1 + i % 5],
           2000 + i % 25, 'FLOOD' || lpad(i::text, 12, '0'), i * 10, 'petrol', 'sedan', 'manual',
           1000 + i, 'available'
    from generate_series(1, ${count}::int) as i`.execute(db);
}

export interface FloodResult {
  /** /readyz latencies in ms, sorted. */
  readyz: number[];
  /** How the flood's batches were answered: status -> count. */
  batches: Record<number, number>;
}

/**
 * `clients` loops each sending `batchSize`-call batches of inventory.list for `durationMs`,
 * while one prober asks /readyz every 10 ms and times each answer.
 */
export async function flood(
  base: string,
  options: { clients: number; batchSize: number; durationMs: number },
): Promise<FloodResult> {
  const paths = Array.from({ length: options.batchSize }, () => 'inventory.list').join(',');
  const input = encodeURIComponent(
    JSON.stringify(
      Object.fromEntries(Array.from({ length: options.batchSize }, (_, i) => [i, { json: { limit: 50 } }])),
    ),
  );
  const url = `${base}/trpc/${paths}?batch=1&input=${input}`;
  const until = Date.now() + options.durationMs;
  const batches: Record<number, number> = {};
  const readyz: number[] = [];
  const client = async () => {
    while (Date.now() < until) {
      const res = await fetch(url);
      await res.arrayBuffer();
      batches[res.status] = (batches[res.status] ?? 0) + 1;
    }
  };
  const prober = async () => {
    while (Date.now() < until) {
      const started = performance.now();
      const res = await fetch(`${base}/readyz`);
      await res.arrayBuffer();
      readyz.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  await Promise.all([...Array.from({ length: options.clients }, client), prober()]);
  return { readyz: readyz.sort((a, b) => a - b), batches };
}

/** The p-th percentile (0-100) of sorted values: the nearest rank. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

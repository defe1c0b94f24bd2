import { performance } from 'node:perf_hooks';
import { createDb } from '@carhub/db';
import { CompiledQuery } from 'kysely';
import { percentile } from './percentile';

/**
 * What the PostgreSQL benchmarks share: the database named by DATABASE_URL (refused unless it
 * is PostgreSQL), BENCH_RUNS, p50/p99 timing of a call, the SQL a call sends, and its plan.
 */
export function benchDatabase(options: { defaultRuns: number; labelWidth: number }) {
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith('postgres')) {
    console.error('Set DATABASE_URL to a PostgreSQL database made for the benchmark (see the top of this file).');
    process.exit(2);
  }
  const runs = Number(process.env.BENCH_RUNS ?? options.defaultRuns);
  const captured: CompiledQuery[] = [];
  let capturing = false;
  const db = createDb(url, {
    poolSize: 4,
    log(event) {
      if (capturing && event.level === 'query') captured.push(event.query);
    },
  });

  /** Times `runs` calls after `warmup` untimed ones and prints p50 and p99; `call` gets the call's index. */
  async function measure(label: string, call: (i: number) => Promise<unknown>, warmup = 20) {
    for (let i = 0; i < warmup; i++) await call(i);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await call(warmup + i);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(options.labelWidth)} p50 ${percentile(times, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(times, 99).toFixed(2).padStart(7)} ms`,
    );
  }

  /** The SQL one call sends. */
  async function queriesOf(call: () => Promise<unknown>): Promise<CompiledQuery[]> {
    captured.length = 0;
    capturing = true;
    try {
      await call();
    } finally {
      capturing = false;
    }
    return [...captured];
  }

  /** The query's plan as EXPLAIN prints it, run with the given options (`analyze, costs off`). */
  async function planOf(query: CompiledQuery, explainOptions: string): Promise<string> {
    const result = await db.executeQuery<Record<string, string>>(
      CompiledQuery.raw(`explain (${explainOptions}) ${query.sql}`, [...query.parameters]),
    );
    return result.rows.map((row) => Object.values(row)[0]).join('\n');
  }

  return { db, raw: db.withoutPlugins(), runs, measure, queriesOf, planOf };
}

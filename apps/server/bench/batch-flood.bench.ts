/**
 * /readyz latency while 4 clients flood the catalogue with tRPC batches: 50-call batches (over
 * the cap, refused at once) and 10-call batches (the most allowed, limited per minute).
 * `pnpm --filter @carhub/server bench:flood` (TEST_DATABASE_URL=postgres://... for PostgreSQL).
 */
import { flood, insertFloodStock, percentile } from '../test/batch-flood';
import { startTestServer } from '../test/helpers';

const server = await startTestServer({ logLevel: 'silent' });
try {
  await insertFloodStock(server.database.db, 500);
  for (const batchSize of [50, 10]) {
    const { readyz, batches } = await flood(server.url, { clients: 4, batchSize, durationMs: 10_000 });
    console.log(
      `${server.database.engine}: 4 clients x ${batchSize}-call batches for 10 s: /readyz n=${readyz.length} ` +
        `p50=${percentile(readyz, 50).toFixed(1)} ms p99=${percentile(readyz, 99).toFixed(1)} ms ` +
        `max=${(readyz.at(-1) ?? Number.NaN).toFixed(1)} ms; batch answers ${JSON.stringify(batches)}`,
    );
  }
} finally {
  await server.close();
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flood, insertFloodStock, percentile } from './batch-flood';
import { startTestServer, type TestServer } from './helpers';

/** A burst of big batches can't starve the health check: they are refused before any work. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ logLevel: 'silent' });
  await insertFloodStock(server.database.db, 500);
}, 60_000);
afterAll(() => server.close());

describe('batch flood', () => {
  it('/readyz is not starved while 4 clients send 50-call catalogue batches', async () => {
    // The same probe with no flood: on a box other work keeps busy, the bar is relative to it.
    const quiet = await flood(server.url, { clients: 0, batchSize: 50, durationMs: 2000 });
    const { readyz, batches } = await flood(server.url, { clients: 4, batchSize: 50, durationMs: 4000 });
    const p99 = percentile(readyz, 99);
    const quietP99 = percentile(quiet.readyz, 99);
    console.log(
      `readyz p99: quiet ${quietP99.toFixed(1)} ms (n=${quiet.readyz.length}); under a 50-call batch flood ` +
        `${p99.toFixed(1)} ms (n=${readyz.length}, p50 ${percentile(readyz, 50).toFixed(1)} ms); batches ${JSON.stringify(batches)}`,
    );
    expect(Object.keys(batches)).toEqual(['400']);
    expect(readyz.length).toBeGreaterThan(5);
    // Every batch is refused before any call runs (the cap), and /readyz kept answering all
    // along. Its latency is a figure, not a bar: `pnpm --filter @carhub/server bench:flood`
    // prints it on a quiet machine (a timing bar here failed on a CI box shared with the suite).
    expect(readyz.length).toBeGreaterThan(quiet.readyz.length / 4);
  }, 60_000);
});

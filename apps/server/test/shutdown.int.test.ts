import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../src/config';
import { createServer } from '../src/create-server';
import { spawnEntry, waitFor } from './helpers';

describe('graceful shutdown', () => {
  it('finishes a request in flight before closing, then refuses new connections', async () => {
    const database = await createTestDatabase();
    const app = createServer(testConfig(), { db: database.db });
    app.get('/slow', async () => {
      await new Promise((r) => setTimeout(r, 500));
      return { done: true };
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`${url}/slow`);
    await new Promise((r) => setTimeout(r, 100));
    const closed = app.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closed;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    await database.destroy().catch(() => {});
  });

  it('lets requests in flight finish their queries before the database closes', async () => {
    const database = await createTestDatabase();
    const app = createServer(testConfig(), { db: database.db });
    // A handler still to query when the close begins: the pool must outlive it.
    app.get('/slow-query', async () => {
      await new Promise((r) => setTimeout(r, 300));
      const { rows } = await sql<{ answer: number }>`select 42 as answer`.execute(app.db);
      return rows[0];
    });
    let received = 0;
    app.addHook('onRequest', async () => {
      received += 1;
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    // A burst of real calls too, each with its own connection, as the close begins.
    const burst = Array.from({ length: 20 }, () =>
      fetch(`${url}/api/inventory`, { headers: { connection: 'close' } }).then(
        (res) => res.status,
        (error: unknown) => String(error instanceof Error ? (error.cause ?? error) : error),
      ),
    );
    const slow = fetch(`${url}/slow-query`);
    // The close begins once the server has all 21 requests (none answered yet: the pool holds 10).
    await waitFor(() => received === 21, 10_000, 'the server to receive every request');
    const closed = app.close();
    const res = await slow;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ answer: 42 });
    expect(await Promise.all(burst)).toEqual(Array.from({ length: 20 }, () => 200));
    await closed;
    await database.destroy().catch(() => {});
  });

  it('waits for a handler whose client went away before closing the database', async () => {
    const database = await createTestDatabase();
    const app = createServer(testConfig(), { db: database.db });
    let outcome = 'running';
    app.get('/abandoned', async () => {
      await new Promise((r) => setTimeout(r, 300));
      try {
        await sql`select 1`.execute(app.db);
        outcome = 'queried';
      } catch (error) {
        outcome = error instanceof Error ? error.message : String(error);
      }
      return { done: true };
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = new AbortController();
    const call = fetch(`${url}/abandoned`, { signal: client.signal }).catch(() => null);
    await new Promise((r) => setTimeout(r, 100));
    // The client leaves, so no connection holds the close open: the handler still runs.
    client.abort();
    await call;
    await app.close();
    expect(outcome).toBe('queried');
    await database.destroy().catch(() => {});
  });

  // A real process on a new embedded database (migrations and demo data first): its start is
  // what takes the time, and on a loaded 2-core CI machine that alone can pass 30 s.
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'the server process stops on %s and exits 0',
    async (signal) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'carhub-main-'));
      try {
        const server = spawnEntry('src/main.ts', [], {
          DATABASE_URL: join(dataDir, 'db'),
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          STORAGE_DIR: join(dataDir, 'files'),
        });
        await waitFor(() => server.output().includes('Server listening at'), 75_000, 'the server to listen');
        const url = /Server listening at (http:\/\/[^"\s]+)/.exec(server.output())?.[1];
        expect((await fetch(`${url}/readyz`)).status).toBe(200);
        // Lines wait for 4 KiB of company or the periodic flush (100 ms), not for the exit.
        await waitFor(() => server.output().includes('"url":"/readyz"'), 5_000, 'the request lines');
        server.child.kill(signal);
        expect(await server.exited).toBe(0);
        expect(server.output()).toContain('"msg":"stopped"');
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    90_000,
  );

  it('refuses to start on a bad configuration, with one line naming the variable', async () => {
    const run = spawnEntry('src/main.ts', [], { PORT: 'eighty' });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe('Invalid configuration: PORT: expected an integer from 0 to 65535 (got "eighty")');
  });
});

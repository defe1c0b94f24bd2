import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { enqueue, insertUser } from '@carhub/api';
import { createDb, type Database, migrateDown, migrateToLatest } from '@carhub/db';
import { createTestDatabase, testServerUrl } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/config';
import { createServer } from '../src/create-server';
import { LogCapture, type Spawned, spawnEntry, waitFor } from './helpers';
import { freePort, PrivateCluster } from './private-cluster';

const sh = promisify(execFile);
const onPostgres = testServerUrl() !== undefined;
const STATEMENT_TIMEOUT_MS = 1000;

describe('readiness against the migrations the code expects', () => {
  it('/readyz is 503 naming the missing migration in the log, and 200 once it is applied', async () => {
    const database = await createTestDatabase();
    const logs = new LogCapture();
    const [missing] = await migrateDown(database.db);
    const app = createServer(testConfig({ logLevel: 'info' }), { db: database.db, logStream: logs });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const behind = await fetch(`${url}/readyz`);
      expect(behind.status).toBe(503);
      expect(await behind.json()).toEqual({ status: 'unavailable', reason: 'database migrations pending' });
      expect(logs.records().find((r) => r.level === 50 && String(r.msg).includes(String(missing)))).toBeDefined();
      await migrateToLatest(database.db);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    } finally {
      await app.close();
      await database.destroy().catch(() => {});
    }
  }, 120_000);
});

interface Sample {
  startedAt: number;
  endedAt: number;
  status: number;
}

/**
 * The real server process (src/main.ts) on a PostgreSQL cluster of this test's own, while
 * requests stream in: restart, fast stop and start, every server connection terminated, and
 * the server's backends frozen (SIGSTOP) for longer than the statement timeout.
 */
describe.skipIf(!onPostgres)('database faults on a private PostgreSQL cluster', () => {
  let cluster: PrivateCluster;
  let server: Spawned;
  let base: string;
  let db: Database;
  let storageDir: string;
  let recipient: string;
  const samples: Sample[] = [];
  let streaming = true;
  let streams: Promise<void>[] = [];

  beforeAll(async () => {
    cluster = await PrivateCluster.start();
    storageDir = mkdtempSync(join(tmpdir(), 'carhub-faults-'));
    const setup = createDb(cluster.url());
    await sql`create database carhub`.execute(setup);
    await sql`create database unmigrated`.execute(setup);
    await setup.destroy();
    db = createDb(cluster.url('carhub'), { onConnectionError: () => {} });
    await migrateToLatest(db);
    recipient = (
      await insertUser(db, {
        username: 'faultuser',
        email: 'fault@example.com',
        password: 'correct-horse-battery-9',
        firstName: 'F',
        lastName: 'U',
        role: 'client',
      })
    ).id;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawnEntry('src/main.ts', [], {
      NODE_ENV: 'test',
      DATABASE_URL: cluster.url('carhub'),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      STORAGE_DIR: storageDir,
      MEDIA_URL_SECRET: 'x'.repeat(40),
      OUTBOX_POLL_MS: '200',
      DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      DB_CONNECT_TIMEOUT_MS: '1000',
    });
    await waitFor(async () => (await fetch(`${base}/readyz`).catch(() => null))?.status === 200, 30_000, 'the server');
    streams = [0, 1, 2].map((i) => stream(i % 2 === 0 ? '/api/health/ping' : '/trpc/health.ping'));
  }, 120_000);

  afterAll(async () => {
    streaming = false;
    await Promise.all(streams);
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await db?.destroy();
    await cluster?.destroy();
    rmSync(storageDir, { recursive: true, force: true });
  }, 60_000);

  async function stream(path: string): Promise<void> {
    while (streaming) {
      const startedAt = Date.now();
      const status = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(15_000) })
        .then(async (res) => {
          await res.arrayBuffer();
          return res.status;
        })
        .catch(() => 0);
      samples.push({ startedAt, endedAt: Date.now(), status });
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function serverBackends(): Promise<number[]> {
    const { rows } = await sql<{ pid: number }>`
      select pid from pg_stat_activity
      where datname = 'carhub' and pid <> pg_backend_pid() and application_name = ''
        and backend_type = 'client backend'`.execute(db);
    return rows.map((r) => r.pid);
  }

  /** Runs one outage; returns ms from the database's return to the first 200 completed after it. */
  async function outage(name: string, cause: () => Promise<void>): Promise<{ backMs: number; during: Sample[] }> {
    const from = Date.now();
    await cause();
    const back = Date.now();
    await waitFor(() => samples.some((s) => s.endedAt >= back && s.status === 200), 10_000, `200 after ${name}`);
    const firstOk = samples
      .filter((s) => s.endedAt >= back && s.status === 200)
      .sort((a, b) => a.endedAt - b.endedAt)[0];
    const during = samples.filter((s) => s.startedAt >= from - 100 && s.endedAt <= back + 2000);
    return { backMs: (firstOk?.endedAt ?? Number.POSITIVE_INFINITY) - back, during };
  }

  async function queueAndExpectDelivery(label: string): Promise<void> {
    const { eventId } = await enqueue(db, {
      type: 'sale.created',
      recipients: [recipient],
      payload: {
        saleId: crypto.randomUUID(),
        carId: crypto.randomUUID(),
        garageCarId: crypto.randomUUID(),
        carLabel: label,
        price: '1.00',
      },
    });
    await waitFor(
      async () => {
        const rows = await db.selectFrom('outboxDeliveries').select('status').where('eventId', '=', eventId).execute();
        return rows.length > 0 && rows.every((r) => r.status === 'delivered');
      },
      20_000,
      `the worker to deliver after ${label}`,
    );
  }

  const results: Array<{ name: string; backMs: number; statuses: Record<number, number> }> = [];
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const outages: Array<[string, () => Promise<void>]> = [
    ['restart', () => cluster.ctl('restart')],
    [
      'fast stop, 2 s down, start',
      async () => {
        await cluster.ctl('stop');
        await pause(2000);
        await cluster.ctl('start');
      },
    ],
    [
      'pg_terminate_backend of every server connection',
      async () => {
        await sql`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = 'carhub' and pid <> pg_backend_pid()`.execute(db);
      },
    ],
    [
      'backends frozen (SIGSTOP) for 3.5 s, beyond the statement timeout',
      async () => {
        const pids = await serverBackends();
        expect(pids.length).toBeGreaterThan(0);
        await sh('kill', ['-STOP', ...pids.map(String)]);
        await pause(STATEMENT_TIMEOUT_MS + 2500);
        await sh('kill', ['-CONT', ...pids.map(String)]);
      },
    ],
  ];

  it.each(outages)(
    '%s: the process survives, answers 200 or 503 (never 500, never a hang), 200 within a second after, and the worker delivers',
    async (name, cause) => {
      const { backMs, during } = await outage(name, cause);
      const statuses: Record<number, number> = {};
      for (const s of during) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
      results.push({ name, backMs, statuses });
      console.log(`outage "${name}": back to 200 in ${backMs} ms; statuses during: ${JSON.stringify(statuses)}`);
      expect(server.child.exitCode).toBeNull();
      expect(
        Object.keys(statuses)
          .map(Number)
          .filter((s) => s !== 200 && s !== 503),
      ).toEqual([]);
      expect(Math.max(...during.map((s) => s.endedAt - s.startedAt))).toBeLessThan(STATEMENT_TIMEOUT_MS + 5000);
      expect(backMs).toBeLessThan(1000);
      await queueAndExpectDelivery(name);
    },
    60_000,
  );

  it('503s carry Retry-After', async () => {
    await cluster.ctl('stop');
    try {
      const res = await fetch(`${base}/api/health/ping`);
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
    } finally {
      await cluster.ctl('start');
    }
    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 5000, 'ready again');
    expect(server.child.exitCode).toBeNull();
    console.log(`outages survived: ${results.length} of ${outages.length}`);
  }, 30_000);

  it('refuses to start on an unmigrated database with one clear line', async () => {
    const port = await freePort();
    const refused = spawnEntry('src/main.ts', [], {
      NODE_ENV: 'test',
      DATABASE_URL: cluster.url('unmigrated'),
      PORT: String(port),
      LOG_LEVEL: 'warn',
      STORAGE_DIR: storageDir,
      MEDIA_URL_SECRET: 'x'.repeat(40),
    });
    expect(await refused.exited).toBe(1);
    const lines = refused.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^The database is not migrated \(\d+ pending: 0001_extensions, .*pnpm cli migrate/);
  }, 60_000);
});

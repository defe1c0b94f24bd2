import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppRouter, enqueue } from '@carhub/api';
import { createDb, migrateToLatest } from '@carhub/db';
import { createTestDatabase, type TestDatabase, testServerUrl } from '@carhub/db/testing';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../src/config';
import { spawnEntry, startTestServer, waitFor } from './helpers';

const sale = (recipients: string[]) =>
  ({
    type: 'sale.created',
    recipients,
    payload: {
      saleId: crypto.randomUUID(),
      carId: crypto.randomUUID(),
      garageCarId: crypto.randomUUID(),
      carLabel: '2020 Skoda Octavia',
      price: '9.99',
    },
  }) as const;

async function registerOver(url: string) {
  const anonymous = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/trpc`, transformer: superjson })],
  });
  const password = 'notify-http-password-1';
  const { token, user } = await anonymous.auth.register.mutate({
    username: `n_${Math.random().toString(36).slice(2, 10)}`,
    email: `n_${Math.random().toString(36).slice(2, 10)}@example.com`,
    password,
    passwordConfirm: password,
    firstName: 'N',
    lastName: 'H',
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({ url: `${url}/trpc`, transformer: superjson, headers: { authorization: `Bearer ${token}` } }),
    ],
  });
  return { user, client };
}

describe('the outbox worker in the server', () => {
  it('runs inline by default: an enqueued event reaches the in-app list; closing the server stops it', async () => {
    const server = await startTestServer({
      notifications: { ...testConfig().notifications, pollIntervalMs: 50 },
    });
    try {
      const { user, client } = await registerOver(server.url);
      await server.database.db.transaction().execute((trx) => enqueue(trx, sale([user.id])));
      const deadline = Date.now() + 10_000;
      while ((await client.notifications.unreadCount.query()).count === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const list = await client.notifications.list.query({});
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({ type: 'sale.created', title: 'The 2020 Skoda Octavia is yours' });
      // With SMTP_URL unset outside development, the e-mail is logged without its body.
      expect(server.logs.text).toContain('e-mail not sent: SMTP_URL is unset');
      expect(server.logs.text).not.toContain('Open your garage');
    } finally {
      await server.close();
    }
  });

  it('WORKER_MODE=off leaves the outbox to `pnpm cli worker`, which delivers and stops on SIGTERM', async () => {
    let database: TestDatabase | undefined;
    let dir: string | undefined;
    let databaseUrl: string;
    if (testServerUrl()) {
      database = await createTestDatabase();
      databaseUrl = database.url;
    } else {
      dir = mkdtempSync(join(tmpdir(), 'carhub-worker-'));
      databaseUrl = join(dir, 'db');
    }
    try {
      // The server (worker off) takes the change; the embedded database then goes to the worker process.
      // A poll interval far shorter than the wait: a worker running in the server would have delivered.
      const config = testConfig();
      const server = await startTestServer({
        notifications: { ...config.notifications, workerMode: 'off', pollIntervalMs: 20 },
      });
      const { user } = await registerOver(server.url);
      await server.database.db.transaction().execute((trx) => enqueue(trx, sale([user.id])));
      await new Promise((r) => setTimeout(r, 500));
      const pending = await server.database.db.selectFrom('outboxDeliveries').select('status').execute();
      expect(pending.map((d) => d.status).sort()).toEqual(['pending', 'pending']);
      await server.close();

      // Same scenario on the database the CLI opens by URL.
      const db = createDb(databaseUrl, { poolSize: 2 });
      await migrateToLatest(db);
      const { id: userId } = await db
        .insertInto('users')
        .values({
          username: 'cliworker',
          email: 'cliworker@example.com',
          passwordHash: 'x',
          firstName: 'C',
          lastName: 'W',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.transaction().execute((trx) => enqueue(trx, sale([userId])));
      await db.destroy();

      const worker = spawnEntry('src/cli.ts', ['worker'], {
        DATABASE_URL: databaseUrl,
        OUTBOX_POLL_MS: '50',
        NODE_ENV: 'test',
      });
      await waitFor(() => worker.output().includes('outbox worker started'), 30_000, 'the worker to start');
      await new Promise((r) => setTimeout(r, 1500));
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(worker.output()).toMatch(/"delivered":2/);

      const after = createDb(databaseUrl, { poolSize: 1 });
      try {
        const rows = await after.selectFrom('notifications').select('type').where('userId', '=', userId).execute();
        expect(rows).toEqual([{ type: 'sale.created' }]);
      } finally {
        await after.destroy();
      }
    } finally {
      await database?.destroy().catch(() => {});
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

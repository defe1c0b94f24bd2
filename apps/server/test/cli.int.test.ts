import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@carhub/db';
import { createTestDatabase, type TestDatabase, testServerUrl } from '@carhub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnEntry } from './helpers';

/**
 * The CLI runs as its own process against the same DATABASE_URL a server would use: a new
 * database on the PostgreSQL server when TEST_DATABASE_URL is set, else an embedded directory.
 */
// Each test spawns the CLI, which boots a database of its own: on a busy 2-core machine that alone can take 30 s.
describe('pnpm cli', { timeout: 120_000 }, () => {
  let database: TestDatabase | undefined;
  let databaseUrl: string;
  let dir: string | undefined;
  // Where `seed` puts the demo photos.
  const filesDir = mkdtempSync(join(tmpdir(), 'carhub-cli-files-'));

  beforeAll(async () => {
    if (testServerUrl()) {
      database = await createTestDatabase({ migrate: false });
      await database.db.destroy();
      databaseUrl = database.url;
    } else {
      dir = mkdtempSync(join(tmpdir(), 'carhub-cli-'));
      databaseUrl = join(dir, 'db');
    }
  });
  afterAll(async () => {
    await database?.destroy().catch(() => {});
    if (dir) rmSync(dir, { recursive: true, force: true });
    rmSync(filesDir, { recursive: true, force: true });
  });

  const cli = async (args: string[], env: Record<string, string> = {}, input?: string) => {
    const run = spawnEntry('src/cli.ts', args, { DATABASE_URL: databaseUrl, STORAGE_DIR: filesDir, ...env }, input);
    const code = await run.exited;
    return { code, output: run.output() };
  };

  it('migrate brings a brand-new database up to date, then has nothing to do', async () => {
    const first = await cli(['migrate']);
    expect(first.code).toBe(0);
    expect(first.output).toContain('Applied: 0001_extensions, 0002_users, 0003_sessions');
    const second = await cli(['migrate']);
    expect(second.output).toContain('Nothing to do');
  });

  it('create-admin reads the password from ADMIN_PASSWORD', async () => {
    const run = await cli(['create-admin', '--username', 'root', '--email', 'root@example.com'], {
      ADMIN_PASSWORD: 'a-long-admin-passphrase',
      DEFAULT_COMMISSION_RATE: '6.5',
    });
    expect(run.output).toMatch(/Created admin root \(root@example.com\)/);
    expect(run.code).toBe(0);

    // Made the way admin.users.create makes an account: the configured commission rate, the
    // account.created notice and an audit row, whose actor is the command line.
    const db = createDb(databaseUrl);
    try {
      const user = await db
        .selectFrom('users')
        .select(['id', 'role', 'commissionRate'])
        .where('username', '=', 'root')
        .executeTakeFirstOrThrow();
      expect(user).toMatchObject({ role: 'admin', commissionRate: '6.50' });
      const audit = await db
        .selectFrom('auditLog')
        .select(['actorId', 'actorName', 'action', 'entity'])
        .where('entityId', '=', user.id)
        .execute();
      expect(audit).toEqual([
        { actorId: null, actorName: 'command line (pnpm cli)', action: 'create', entity: 'user' },
      ]);
      const notices = await db
        .selectFrom('outboxDeliveries')
        .innerJoin('outboxEvents', 'outboxEvents.id', 'outboxDeliveries.eventId')
        .select(['outboxEvents.type', 'outboxDeliveries.recipientId'])
        .where('outboxDeliveries.recipientId', '=', user.id)
        .execute();
      expect(notices.length).toBeGreaterThan(0);
      expect(notices.every((notice) => notice.type === 'account.created')).toBe(true);
    } finally {
      await db.destroy();
    }
  });

  it('create-admin reads the password from standard input when no terminal is attached', async () => {
    const run = await cli(
      ['create-admin', '--username', 'root2', '--email', 'root2@example.com'],
      {},
      'piped-admin-passphrase\n',
    );
    expect(run.output).toMatch(/Created admin root2/);
    expect(run.code).toBe(0);
  });

  it('create-admin refuses a weak password with the policy message, and a taken username', async () => {
    const weak = await cli(['create-admin', '--username', 'weakling', '--email', 'w@example.com'], {
      ADMIN_PASSWORD: 'password',
    });
    expect(weak.code).toBe(1);
    expect(weak.output).toContain('Password is too common');

    const taken = await cli(['create-admin', '--username', 'ROOT', '--email', 'other@example.com'], {
      ADMIN_PASSWORD: 'another-long-passphrase',
    });
    expect(taken.code).toBe(1);
    expect(taken.output).toContain('That username is taken.');
  });

  it('seed loads the demo accounts and is safe to run twice', async () => {
    const first = await cli(['seed']);
    expect(first.code).toBe(0);
    expect(first.output).toContain('"usersCreated":5');
    expect(first.output).toContain('"photosCreated":11');
    expect(first.output).toContain('"salesCreated":4');
    // A main image and a thumbnail for each of the 11 photos, and for the copies of the 3 that
    // went with their sold cars into the buyers' garages.
    expect(
      readdirSync(join(filesDir, 'cars'), { recursive: true }).filter((f) => String(f).endsWith('.webp')),
    ).toHaveLength(28);
    const second = await cli(['seed']);
    expect(second.output).toContain('"usersCreated":0');
    expect(second.output).toContain('"photosCreated":0');
    expect(second.output).toContain('"salesCreated":0');
  });

  it('explains its usage on an unknown command or a missing option', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('Unknown command "frobnicate"');
    expect(unknown.output).toContain('Usage: pnpm cli');
    const missing = await cli(['create-admin', '--username', 'x']);
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('create-admin needs --username and --email');
  });
});

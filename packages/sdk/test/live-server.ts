import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@carhub/db/testing';
import { type Config, createServer, testConfig } from '@carhub/server';

export interface LiveServer {
  url: string;
  /** Gives a user a role (there is no API to make the first staff member or admin). */
  promote(userId: string, role: 'staff' | 'admin'): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real server on a random loopback port, over a fresh test database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL), its photos in a temporary folder of its own.
 */
export async function startLiveServer(overrides: Partial<Config> = {}): Promise<LiveServer> {
  const database = await createTestDatabase();
  const files = await mkdtemp(join(tmpdir(), 'carhub-sdk-files-'));
  const base = testConfig();
  const storage = base.storage.driver === 'local' ? { ...base.storage, dir: files } : base.storage;
  const app = createServer({ ...base, storage, ...overrides }, { db: database.db });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    async promote(userId, role) {
      await database.db.updateTable('users').set({ role }).where('id', '=', userId).execute();
    },
    async close() {
      await app.close();
      await database.destroy();
      await rm(files, { recursive: true, force: true });
    },
  };
}

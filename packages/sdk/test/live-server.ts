import { createTestDatabase } from '@carhub/db/testing';
import { createServer, testConfig } from '@carhub/server';

export interface LiveServer {
  url: string;
  close(): Promise<void>;
}

/** The real server on a random loopback port, over a fresh test database (PGlite, or PostgreSQL with TEST_DATABASE_URL). */
export async function startLiveServer(): Promise<LiveServer> {
  const database = await createTestDatabase();
  const app = createServer(testConfig(), { db: database.db });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}

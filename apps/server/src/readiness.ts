import { type Database, pendingMigrations, pingDatabase } from '@carhub/db';
import type { FastifyInstance } from 'fastify';

/**
 * GET /readyz: 200 only when the database answers and has every migration this code expects.
 * A database behind the code would answer every real call with a 500, so it is not ready; the
 * missing migrations are logged by name whenever that list changes. Once up to date it can't
 * fall behind again while this process runs, so from then on a ping is all it costs.
 */
export function registerReadiness(app: FastifyInstance, db: Database, timeoutMs: number): void {
  let migrated = false;
  let lastMissing = '';
  app.get('/readyz', async (request, reply) => {
    try {
      if (migrated) {
        await withTimeout(pingDatabase(db), timeoutMs);
        return { status: 'ok' };
      }
      const missing = await withTimeout(pendingMigrations(db), timeoutMs);
      if (missing.length === 0) {
        migrated = true;
        return { status: 'ok' };
      }
      const names = missing.join(', ');
      if (names !== lastMissing) request.log.error({ missing }, `database migrations missing: ${names}`);
      lastMissing = names;
      throw new MigrationsBehind(missing);
    } catch (error) {
      if (error instanceof MigrationsBehind) {
        return reply.code(503).send({ status: 'unavailable', reason: 'database migrations pending' });
      }
      request.log.warn({ err: error }, 'readiness check failed: database unreachable');
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
}

class MigrationsBehind extends Error {
  constructor(readonly missing: string[]) {
    super(`migrations missing: ${missing.join(', ')}`);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

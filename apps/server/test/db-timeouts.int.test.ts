import { createTestDatabase, type TestDatabase, testServerUrl } from '@carhub/db/testing';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/config';
import { createServer } from '../src/create-server';
import { registerOverRest, restClient } from './rest-client';

const timeouts = { statementMs: 1500, lockMs: 300, idleInTransactionMs: 700, connectMs: 1000 };

/**
 * The database timeouts of the configuration reach every connection of the server's own pool,
 * and a request stuck behind a lock someone else holds is a 503 with Retry-After soon after the
 * lock timeout, never a hang. The embedded engine has one connection and no such settings:
 * PostgreSQL runs only.
 */
describe.skipIf(!testServerUrl())('database timeouts', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    // No db given: the server opens its pool from the configuration, as in production.
    app = createServer(testConfig({ logLevel: 'silent', databaseUrl: database.url, databaseTimeouts: timeouts }));
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it('every pooled connection carries the statement, lock and idle-in-transaction timeouts', async () => {
    const show = async (name: string) =>
      // The one column is named after the setting (camel-cased by the plugin): take its value.
      Object.values((await sql<Record<string, string>>`show ${sql.raw(name)}`.execute(app.db)).rows[0] ?? {})[0];
    expect(await show('statement_timeout')).toBe('1500ms');
    expect(await show('lock_timeout')).toBe('300ms');
    expect(await show('idle_in_transaction_session_timeout')).toBe('700ms');
  });

  it('a request waiting on a held lock answers 503 with Retry-After after the lock timeout', async () => {
    const rest = restClient(url);
    const user = await registerOverRest(rest, 'locked');
    const car = await rest('POST', '/cars', { make: 'Saab', model: '900', year: 1990 }, user.token);
    expect(car.status).toBe(200);
    let answered: { status: number; retryAfter: string | null; ms: number } | undefined;
    // Another session (the test's own, without timeouts) holds the car's row for a while.
    await database.db.transaction().execute(async (trx) => {
      await trx.selectFrom('cars').select('id').where('id', '=', car.body.id).forUpdate().execute();
      const started = Date.now();
      const res = await fetch(`${url}/api/cars/${car.body.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
        body: JSON.stringify({ model: '900 Turbo' }),
      });
      await res.arrayBuffer();
      answered = { status: res.status, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started };
    });
    expect(answered?.status).toBe(503);
    expect(Number(answered?.retryAfter)).toBeGreaterThan(0);
    expect(answered?.ms).toBeLessThan(timeouts.statementMs);
    // With the lock gone, the same change goes through.
    const again = await rest('PATCH', `/cars/${car.body.id}`, { model: '900 Turbo' }, user.token);
    expect(again.status).toBe(200);
  });
});

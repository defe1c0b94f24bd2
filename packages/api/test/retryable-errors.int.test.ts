import { createDb } from '@carhub/db';
import { createTestDatabase, type TestDatabase, testServerUrl } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createContextInner } from '../src/context';
import { retryableCauseOf } from '../src/errors';
import { createCallerFactory, createTRPCRouter, publicProcedure } from '../src/trpc';
import { errorOf } from './car-helpers';

/**
 * A deadlock the server broke is a reason to retry, not a failure of ours: any procedure that
 * meets one answers 409 with a message to try again, never a 500. The deadlock here is a real
 * one, made on the PostgreSQL server by two transactions locking two rows in opposite order.
 */
describe.skipIf(!testServerUrl())('retryable database errors (PostgreSQL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.destroy());

  async function realDeadlock(): Promise<unknown> {
    const pools = [createDb(t.url, { poolSize: 1 }), createDb(t.url, { poolSize: 1 })];
    try {
      await sql`create table if not exists deadlock_demo (id int primary key)`.execute(t.db);
      await sql`insert into deadlock_demo values (1), (2) on conflict do nothing`.execute(t.db);
      const [a, b] = await Promise.all(pools.map((db) => db.startTransaction().execute()));
      if (!a || !b) throw new Error('no transactions');
      await sql`select * from deadlock_demo where id = 1 for update`.execute(a);
      await sql`select * from deadlock_demo where id = 2 for update`.execute(b);
      const results = await Promise.allSettled([
        sql`select * from deadlock_demo where id = 2 for update`.execute(a),
        sql`select * from deadlock_demo where id = 1 for update`.execute(b),
      ]);
      await a.rollback().execute();
      await b.rollback().execute();
      const failed = results.find((r) => r.status === 'rejected');
      if (failed?.status !== 'rejected') throw new Error('no deadlock happened');
      return failed.reason;
    } finally {
      for (const pool of pools) await pool.destroy();
    }
  }

  it('answers CONFLICT with a message to retry when a procedure meets a deadlock', async () => {
    const deadlock = await realDeadlock();
    expect((deadlock as { code?: string }).code).toBe('40P01');
    const router = createTRPCRouter({
      collide: publicProcedure.output(z.null()).mutation(() => {
        throw deadlock;
      }),
      broken: publicProcedure.output(z.null()).mutation(() => {
        throw new Error('relation "secret_table" does not exist');
      }),
    });
    const caller = createCallerFactory(router)(await createContextInner({ db: t.db }));
    const error = await errorOf(caller.collide());
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('try again');
    // The server logs it (a lock-order bug shows only so), knowing it from any other 409.
    expect(retryableCauseOf(error)).toBe(deadlock);
    expect(retryableCauseOf(await errorOf(caller.broken()))).toBeUndefined();
    // Anything else unexpected stays a 500.
    expect((await errorOf(caller.broken())).code).toBe('INTERNAL_SERVER_ERROR');
  });
});

import type { Database } from '@carhub/db';
import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { strongPassword } from './helpers';

let counter = 0;

/** Input for admin.users.create / staff.create: a fresh username and e-mail each time. */
export function newAccount() {
  counter += 1;
  const username = `made${counter}_${Math.random().toString(36).slice(2, 8)}`;
  return {
    username,
    email: `${username}@example.com`,
    password: strongPassword,
    passwordConfirm: strongPassword,
    firstName: 'New',
    lastName: `Person${counter}`,
  };
}

export async function auditRows(db: Database) {
  return db
    .selectFrom('auditLog')
    .select(['id', 'actorId', 'actorName', 'action', 'entity', 'entityId', 'changes'])
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function auditCount(db: Database): Promise<number> {
  const row = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db);
  return row.rows[0]?.n ?? 0;
}

/** A database of its own, for tests that need to know every admin in it. */
export async function withOwnDatabase(run: (t: TestDatabase) => Promise<void>): Promise<void> {
  const t = await createTestDatabase();
  try {
    await run(t);
  } finally {
    await t.destroy();
  }
}

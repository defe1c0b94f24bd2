import type { Database, UserRole } from '@carhub/db';
import { insertUser } from '../users/queries';

/** Every demo account signs in with this password (README lists the accounts). */
export const DEMO_PASSWORD = 'carhub-demo-2026';

export const demoUsers: ReadonlyArray<{
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  role: UserRole;
}> = [
  { username: 'admin', email: 'admin@demo.carhub.test', firstName: 'Ada', lastName: 'Admin', role: 'admin' },
  { username: 'sam', email: 'sam@demo.carhub.test', firstName: 'Sam', lastName: 'Seller', role: 'staff' },
  { username: 'alice', email: 'alice@demo.carhub.test', firstName: 'Alice', lastName: 'Owner', role: 'client' },
  { username: 'bob', email: 'bob@demo.carhub.test', firstName: 'Bob', lastName: 'Renter', role: 'client' },
];

export interface SeedReport {
  usersCreated: number;
}

/**
 * Loads the demo data through the same functions the API uses, so it obeys the same rules.
 * Safe to run twice: what exists already is left alone.
 */
export async function seedDemoData(db: Database): Promise<SeedReport> {
  const existing = new Set(
    (
      await db
        .selectFrom('users')
        .select('username')
        .where(
          'username',
          'in',
          demoUsers.map((u) => u.username),
        )
        .execute()
    ).map((u) => u.username.toLowerCase()),
  );
  let usersCreated = 0;
  for (const user of demoUsers) {
    if (existing.has(user.username)) continue;
    await insertUser(db, { ...user, password: DEMO_PASSWORD });
    usersCreated++;
  }
  return { usersCreated };
}

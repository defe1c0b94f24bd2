// Generated from the migrated database by `pnpm --filter @carhub/db gen:schema`. Do not edit:
// change or add a migration, then regenerate. A test fails when this file and the migrations differ.
import type { ColumnType } from 'kysely';

/** A column the database fills when an insert leaves it out. */
export type Generated<T> =
  T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<T, T | undefined, T>;
/** A column only the database writes (GENERATED ALWAYS). */
export type GeneratedAlways<T> = T extends ColumnType<infer S> ? ColumnType<S, never, never> : ColumnType<T, never, never>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type Json = ColumnType<unknown, string, string>;

export interface LoginThrottleTable {
  key: string;
  windowStart: Generated<Timestamp>;
  attempts: Generated<number>;
}

export interface SessionsTable {
  id: string;
  publicId: Generated<string>;
  userId: string;
  expiresAt: Timestamp;
  createdAt: Generated<Timestamp>;
  lastUsedAt: Generated<Timestamp>;
  userAgent: string | null;
  ip: string | null;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  email: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  address: string | null;
  role: Generated<'client' | 'staff' | 'admin'>;
  isActive: Generated<boolean>;
  createdAt: Generated<Timestamp>;
  updatedAt: Generated<Timestamp>;
}

export interface DB {
  loginThrottle: LoginThrottleTable;
  sessions: SessionsTable;
  users: UsersTable;
}

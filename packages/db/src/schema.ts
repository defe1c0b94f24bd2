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

export interface CarsTable {
  id: Generated<string>;
  ownerId: string | null;
  make: string;
  model: string;
  year: number;
  color: string | null;
  licensePlate: string | null;
  plateNormalized: string | null;
  vin: string | null;
  mileage: Generated<number>;
  notes: string | null;
  fuelType: 'petrol' | 'diesel' | 'hybrid' | 'electric' | 'lpg' | 'other' | null;
  bodyType: 'sedan' | 'hatchback' | 'suv' | 'coupe' | 'convertible' | 'wagon' | 'van' | 'pickup' | 'other' | null;
  transmission: 'manual' | 'automatic' | null;
  price: string | null;
  status: 'available' | 'reserved' | 'sold' | 'removed' | null;
  searchText: GeneratedAlways<string | null>;
  createdAt: Generated<Timestamp>;
  updatedAt: Generated<Timestamp>;
}

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
  cars: CarsTable;
  loginThrottle: LoginThrottleTable;
  sessions: SessionsTable;
  users: UsersTable;
}

import type { Insertable, Selectable, Updateable } from 'kysely';
import type { SessionsTable, UsersTable } from './schema';

// Row types for this package's callers. API schemas are not these: they pick their
// columns explicitly, so adding a column here never widens what a client sees.
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserRowUpdate = Updateable<UsersTable>;
export type UserRole = UserRow['role'];

export type SessionRow = Selectable<SessionsTable>;
export type NewSessionRow = Insertable<SessionsTable>;

import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  BookingsTable,
  CarPhotosTable,
  CarsTable,
  SalesTable,
  SessionsTable,
  UsersTable,
  WebhookAttemptsTable,
} from './schema';

// Row types for this package's callers. API schemas are not these: they pick their
// columns explicitly, so adding a column here never widens what a client sees.
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserRowUpdate = Updateable<UsersTable>;
export type UserRole = UserRow['role'];

export type SessionRow = Selectable<SessionsTable>;
export type NewSessionRow = Insertable<SessionsTable>;

export type CarRow = Selectable<CarsTable>;
export type NewCarRow = Insertable<CarsTable>;
export type CarRowUpdate = Updateable<CarsTable>;
export type CarStatus = NonNullable<CarRow['status']>;
export type FuelType = NonNullable<CarRow['fuelType']>;
export type BodyType = NonNullable<CarRow['bodyType']>;
export type Transmission = NonNullable<CarRow['transmission']>;

export type CarPhotoRow = Selectable<CarPhotosTable>;
export type NewCarPhotoRow = Insertable<CarPhotosTable>;
export type BookingRow = Selectable<BookingsTable>;
export type NewBookingRow = Insertable<BookingsTable>;
export type BookingStatusValue = BookingRow['status'];
export type BookingKindValue = BookingRow['kind'];

export type SaleRow = Selectable<SalesTable>;
export type NewSaleRow = Insertable<SalesTable>;

export type NewWebhookAttemptRow = Insertable<WebhookAttemptsTable>;

import type { Insertable, Selectable } from 'kysely';
import type { BookingsTable, CarPhotosTable, CarsTable, SalesTable, UsersTable, WebhookAttemptsTable } from './schema';

// Row types for this package's callers. API schemas are not these: they pick their
// columns explicitly, so adding a column here never widens what a client sees.
export type UserRole = Selectable<UsersTable>['role'];

type CarRow = Selectable<CarsTable>;
export type NewCarRow = Insertable<CarsTable>;
export type CarStatus = NonNullable<CarRow['status']>;
export type FuelType = NonNullable<CarRow['fuelType']>;
export type BodyType = NonNullable<CarRow['bodyType']>;
export type Transmission = NonNullable<CarRow['transmission']>;

export type CarPhotoRow = Selectable<CarPhotosTable>;
export type NewCarPhotoRow = Insertable<CarPhotosTable>;
export type NewBookingRow = Insertable<BookingsTable>;
export type BookingStatusValue = Selectable<BookingsTable>['status'];
export type BookingKindValue = Selectable<BookingsTable>['kind'];

export type NewSaleRow = Insertable<SalesTable>;

export type NewWebhookAttemptRow = Insertable<WebhookAttemptsTable>;

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

export interface ApiKeyUsageTable {
  apiKeyId: string;
  windowStart: Generated<Timestamp>;
  requests: Generated<number>;
}

export interface ApiKeysTable {
  id: Generated<string>;
  userId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  scopes: string[];
  expiresAt: Timestamp | null;
  createdAt: Generated<Timestamp>;
  lastUsedAt: Timestamp | null;
  revokedAt: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Timestamp>;
  actorId: string | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  changes: Generated<Json>;
}

export interface BookingsTable {
  id: Generated<string>;
  carId: string;
  kind: 'rental' | 'test_drive';
  status: 'pending' | 'approved' | 'declined' | 'cancelled' | 'completed' | 'no_show';
  startAt: Timestamp;
  endAt: Timestamp;
  startDate: string | null;
  endDate: string | null;
  customerId: string | null;
  customerName: string | null;
  renterName: string | null;
  renterPhone: string | null;
  renterEmail: string | null;
  notes: string | null;
  createdBy: string | null;
  handledBy: string | null;
  createdAt: Generated<Timestamp>;
  updatedAt: Generated<Timestamp>;
  bufferMinutes: Generated<number>;
  heldUntil: Generated<Timestamp>;
}

export interface CalendarFeedsTable {
  carId: string;
  feedId: Generated<string>;
  secretHash: string;
  createdBy: string | null;
  createdAt: Generated<Timestamp>;
}

export interface CarPhotosTable {
  id: Generated<string>;
  carId: string;
  objectKey: string;
  thumbnailKey: string;
  contentType: string;
  width: number;
  height: number;
  altText: string | null;
  position: number;
  isPrimary: Generated<boolean>;
  createdAt: Generated<Timestamp>;
}

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

export interface FuelEntriesTable {
  id: Generated<string>;
  carId: string;
  at: string;
  odometerKm: number;
  liters: string;
  totalCost: string;
  fullTank: Generated<boolean>;
  missedPrevious: Generated<boolean>;
  station: string | null;
  notes: string | null;
  odometerReadingId: string | null;
  createdAt: Generated<Timestamp>;
  updatedAt: Generated<Timestamp>;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  userId: string;
  path: string;
  inputHash: string;
  status: number;
  response: string;
  createdAt: Generated<Timestamp>;
}

export interface LoginThrottleTable {
  key: string;
  windowStart: Generated<Timestamp>;
  attempts: Generated<number>;
}

export interface NotificationsTable {
  id: Generated<string>;
  userId: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  data: Generated<Json>;
  idempotencyKey: string;
  readAt: Timestamp | null;
  createdAt: Generated<Timestamp>;
}

export interface OdometerReadingsTable {
  id: Generated<string>;
  carId: string;
  at: Generated<string>;
  km: number;
  note: string | null;
  source: Generated<'manual' | 'car' | 'fuel' | 'service' | 'sale'>;
  createdAt: Generated<Timestamp>;
}

export interface OutboxDeliveriesTable {
  id: Generated<string>;
  eventId: string;
  channel: 'in_app' | 'email' | 'webhook';
  recipientId: string | null;
  webhookId: string | null;
  idempotencyKey: string;
  status: Generated<'pending' | 'delivered' | 'failed' | 'cancelled'>;
  attempts: Generated<number>;
  nextAttemptAt: Generated<Timestamp>;
  lockedUntil: Timestamp | null;
  lockedBy: string | null;
  lastError: string | null;
  deliveredAt: Timestamp | null;
  createdAt: Generated<Timestamp>;
  recipientEmail: string | null;
}

export interface OutboxEventsTable {
  id: Generated<string>;
  type: string;
  payload: Json;
  privateData: Json | null;
  createdAt: Generated<Timestamp>;
}

export interface PasswordResetTokensTable {
  id: Generated<string>;
  userId: string;
  tokenHash: string;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
  createdAt: Generated<Timestamp>;
}

export interface RemindersTable {
  id: Generated<string>;
  carId: string;
  title: string;
  dueDate: string | null;
  dueKm: number | null;
  repeatMonths: number | null;
  repeatKm: number | null;
  notifyDaysBefore: Generated<number>;
  notifyKm: Generated<number>;
  notes: string | null;
  occurrence: Generated<number>;
  notifiedOccurrence: Generated<number>;
  done: Generated<boolean>;
  completedAt: string | null;
  completedKm: number | null;
  createdAt: Generated<Timestamp>;
  updatedAt: Generated<Timestamp>;
}

export interface SalesTable {
  id: Generated<string>;
  carId: string;
  customerId: string;
  staffId: string;
  garageCarId: string | null;
  price: string;
  commissionRate: string;
  commission: string;
  carMake: string;
  carModel: string;
  carYear: number;
  carVin: string | null;
  notes: string | null;
  soldAt: Generated<Timestamp>;
  createdAt: Generated<Timestamp>;
  updatedAt: Generated<Timestamp>;
}

export interface ServiceAttachmentsTable {
  id: Generated<string>;
  serviceId: string;
  carId: string;
  objectKey: string;
  name: string;
  contentType: string;
  size: number;
  createdAt: Generated<Timestamp>;
}

export interface ServiceRecordsTable {
  id: Generated<string>;
  carId: string;
  at: string;
  odometerKm: number | null;
  title: string;
  items: Generated<string[]>;
  cost: string | null;
  shop: string | null;
  notes: string | null;
  odometerReadingId: string | null;
  createdAt: Generated<Timestamp>;
  updatedAt: Generated<Timestamp>;
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

export interface ShowroomSettingsTable {
  id: Generated<boolean>;
  timeZone: string | null;
  openingHours: Json;
  closedDates: Generated<string[]>;
  minNoticeMinutes: Generated<number>;
  bufferMinutes: Generated<number>;
  updatedBy: string | null;
  updatedAt: Generated<Timestamp>;
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
  passwordChangedAt: Generated<Timestamp>;
  termsAcceptedAt: Timestamp | null;
  commissionRate: string | null;
}

export interface WebhookAttemptsTable {
  id: Generated<string>;
  deliveryId: string;
  webhookId: string;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  createdAt: Generated<Timestamp>;
}

export interface WebhookEndpointsTable {
  id: Generated<string>;
  url: string;
  description: string | null;
  events: string[];
  secret: string;
  isActive: Generated<boolean>;
  firstFailureAt: Timestamp | null;
  disabledAt: Timestamp | null;
  disabledReason: string | null;
  createdBy: string | null;
  createdAt: Generated<Timestamp>;
  updatedAt: Generated<Timestamp>;
}

export interface DB {
  apiKeyUsage: ApiKeyUsageTable;
  apiKeys: ApiKeysTable;
  auditLog: AuditLogTable;
  bookings: BookingsTable;
  calendarFeeds: CalendarFeedsTable;
  carPhotos: CarPhotosTable;
  cars: CarsTable;
  fuelEntries: FuelEntriesTable;
  idempotencyKeys: IdempotencyKeysTable;
  loginThrottle: LoginThrottleTable;
  notifications: NotificationsTable;
  odometerReadings: OdometerReadingsTable;
  outboxDeliveries: OutboxDeliveriesTable;
  outboxEvents: OutboxEventsTable;
  passwordResetTokens: PasswordResetTokensTable;
  reminders: RemindersTable;
  sales: SalesTable;
  serviceAttachments: ServiceAttachmentsTable;
  serviceRecords: ServiceRecordsTable;
  sessions: SessionsTable;
  showroomSettings: ShowroomSettingsTable;
  users: UsersTable;
  webhookAttempts: WebhookAttemptsTable;
  webhookEndpoints: WebhookEndpointsTable;
}

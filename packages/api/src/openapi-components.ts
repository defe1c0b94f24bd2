import { z } from 'zod';
import { auditEntryOutput, auditPageOutput } from './domain/audit/schemas';
import { bookingOutput, bookingPageOutput, createBookingInput } from './domain/bookings/schemas';
import { carOutput, carPageOutput, carPhotoOutput } from './domain/cars/schemas';
import { listNotificationsOutput, notificationOutput } from './domain/notifications/schemas';
import { saleOutput, salePageOutput } from './domain/sales/schemas';
import { managedUserOutput, userOutput } from './domain/users/schemas';
import {
  createWebhookOutput,
  deliveriesOutput,
  deliveryAttemptOutput,
  listWebhooksOutput,
  webhookOutput,
} from './domain/webhooks/schemas';
import { dashboardOutput } from './routers/admin/dashboard.schema';
import { userDetailOutput, usersPageOutput } from './routers/admin/users/schemas';
import { authResultOutput, sessionOutput, sessionsOutput } from './routers/auth/schemas';
import { slotsOutput } from './routers/inventory/slots';
import { staffMetricsOutput, staffPageOutput } from './routers/staff/schemas';

/**
 * The names the OpenAPI document gives the resources and pages. zod-openapi turns a schema
 * registered with an `id` into `components.schemas.<id>` and refers to it wherever it is used,
 * so generated clients get `Car` and `BookingPage` instead of `inline_response20012_items`.
 * The ids are set on the very schema instances the procedures use (`.meta()` would return a
 * copy), so the names follow the schemas and cannot drift from them.
 */
const named: Array<[z.ZodType, string, string]> = [
  [carOutput, 'Car', 'A car: in a garage (ownerId set) or in stock (ownerId null; price and status set)'],
  [carPhotoOutput, 'Photo', 'A photo of a car, with signed URLs of the image and its thumbnail'],
  [carPageOutput, 'CarPage', 'A page of cars; pass nextCursor as cursor for the next one (null on the last)'],
  [bookingOutput, 'Booking', 'A rental or test drive of a stock car'],
  [bookingPageOutput, 'BookingPage', 'A page of bookings; pass nextCursor as cursor for the next one'],
  [userOutput, 'User', 'An account as its owner sees it'],
  [managedUserOutput, 'ManagedUser', 'An account as admins (and staff, for staff) see it'],
  [userDetailOutput, 'ManagedUserDetail', 'An account with its counts of bookings and purchases'],
  [usersPageOutput, 'ManagedUserPage', 'A page of accounts; pass nextCursor as cursor for the next one'],
  [staffPageOutput, 'StaffPage', 'A page of staff members; pass nextCursor as cursor for the next one'],
  [staffMetricsOutput, 'StaffMetrics', "A seller's sales, revenue, commission and test drives in a period"],
  [saleOutput, 'Sale', 'The sale of a stock car to a customer'],
  [salePageOutput, 'SalePage', 'A page of sales; pass nextCursor as cursor for the next one'],
  [notificationOutput, 'Notification', 'An in-app notification'],
  [listNotificationsOutput, 'NotificationPage', 'A page of notifications; pass nextCursor as cursor for the next one'],
  [webhookOutput, 'Webhook', 'A webhook subscription (its secret is shown only once, at creation)'],
  [createWebhookOutput, 'WebhookCreated', 'A new webhook subscription with its signing secret'],
  [listWebhooksOutput, 'WebhookPage', 'A page of webhooks; pass nextCursor as cursor for the next one'],
  [deliveryAttemptOutput, 'WebhookDelivery', 'One attempt to deliver an event to a webhook'],
  [deliveriesOutput, 'WebhookDeliveryPage', 'A page of delivery attempts; pass nextCursor as cursor for the next one'],
  [auditEntryOutput, 'AuditEntry', 'One recorded admin or staff action'],
  [auditPageOutput, 'AuditPage', 'A page of audit entries; pass nextCursor as cursor for the next one'],
  [sessionOutput, 'Session', 'A signed-in session (device) of the caller'],
  [sessionsOutput, 'SessionList', "The caller's live sessions"],
  [authResultOutput, 'AuthResult', 'The signed-in user and a session token to send as Bearer'],
  [slotsOutput, 'TestDriveSlots', 'Free test-drive starts of a car on a day'],
  [dashboardOutput, 'Dashboard', "The showroom desk's figures for staff and admins"],
];

let registered = false;

/** Registers the names once (the document is built at start-up; tests may build it again). */
export function nameOpenApiSchemas(): void {
  if (registered) return;
  registered = true;
  for (const [schema, id, description] of named) {
    z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), id, description });
  }
}

const { startDate, endDate, startAt, endAt, ...bookingFor } = createBookingInput.shape;

/**
 * bookings.create takes one object (the REST adapter only takes objects) whose kind decides
 * the time fields: these are its three shapes, picked from that same input schema, for the
 * document's `oneOf`. The procedure checks the same rule (booking-time.ts).
 */
export const createBookingShapes = {
  BookingCreateRentalDays: z
    .object({ ...bookingFor, kind: z.literal('rental'), startDate: startDate.unwrap(), endDate: endDate.unwrap() })
    .meta({
      description: 'A rental of whole days in the showroom time zone, from startDate to endDate inclusive',
    }),
  BookingCreateRentalTimes: z
    .object({ ...bookingFor, kind: z.literal('rental'), startAt: startAt.unwrap(), endAt: endAt.unwrap() })
    .meta({ description: 'A rental between two exact instants' }),
  BookingCreateTestDrive: z
    .object({
      carId: bookingFor.carId,
      customerId: bookingFor.customerId,
      notes: bookingFor.notes,
      kind: z.literal('test_drive'),
      startAt: startAt.unwrap(),
    })
    .meta({
      description: 'A test drive starting at one of the slots inventory.slots lists (no renter fields)',
    }),
};

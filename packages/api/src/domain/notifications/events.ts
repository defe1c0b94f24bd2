import type { BookingKind } from '../bookings/schemas';
/**
 * Every event that reaches someone, as a typed union. Callers build one of these and pass it
 * to `enqueue(trx, event)` inside the transaction of the change that caused it. Payloads are
 * JSON (instants as ISO strings): they are stored in the outbox and sent to webhooks as is.
 */

export interface BookingPayload {
  bookingId: string;
  carId: string;
  kind: BookingKind;
  /** How the car is named in messages, e.g. "2019 Toyota Corolla". */
  carLabel: string;
  startAt: string;
  endAt: string;
}

export interface BookingChangePayload extends BookingPayload {
  /** Why it was declined or cancelled, when someone said. */
  reason?: string | null;
}

export interface BookingRescheduledPayload extends BookingPayload {
  previousStartAt: string;
  previousEndAt: string;
}

/** To the staff: a customer asks for a test drive, or to move one (previous times set then). */
export interface BookingRequestedPayload extends BookingPayload {
  customerName: string | null;
  previousStartAt: string | null;
  previousEndAt: string | null;
}

export interface SalePayload {
  saleId: string;
  /** The stock car sold. */
  carId: string;
  /** Its copy in the buyer's garage. */
  garageCarId: string;
  carLabel: string;
  /** Decimal string with two places. */
  price: string;
}

export interface ReminderDuePayload {
  reminderId: string;
  carId: string;
  carLabel: string;
  title: string;
  /** `YYYY-MM-DD`, when it is due by date. */
  dueDate: string | null;
  dueKm: number | null;
  /** The car's mileage when it became due. */
  mileage: number;
  /** Which occurrence of a repeating reminder (1 for the first). */
  occurrence: number;
  /** Already past its date or distance when told (a reading jumped past it, or a late worker). */
  overdue: boolean;
}

export interface AccountCreatedPayload {
  username: string;
}

export interface WebhookDisabledPayload {
  webhookId: string;
  url: string;
  failingSince: string;
}

interface Base<T extends string, P> {
  type: T;
  /** The users told in-app and by e-mail (empty: webhooks only). */
  recipients: string[];
  /** Addresses outside the users table (a guest renter's renterEmail): e-mailed, no in-app row. */
  guestEmails?: string[];
  payload: P;
}

export type NotificationEvent =
  | Base<'booking.created', BookingPayload>
  | Base<'booking.approved', BookingPayload>
  | Base<'booking.declined', BookingChangePayload>
  | Base<'booking.cancelled', BookingChangePayload>
  | Base<'booking.rescheduled', BookingRescheduledPayload>
  | Base<'booking.requested', BookingRequestedPayload>
  | Base<'booking.completed', BookingPayload>
  | Base<'booking.no_show', BookingPayload>
  | Base<'sale.created', SalePayload>
  | Base<'reminder.due', ReminderDuePayload>
  | Base<'account.created', AccountCreatedPayload>
  | (Base<'password_reset.requested', { expiresAt: string }> & {
      /** Read by the e-mail channel only; wiped once delivered. */
      private: { token: string };
    })
  | Base<'webhook.disabled', WebhookDisabledPayload>;

export type EventType = NotificationEvent['type'];
export type EventOf<T extends EventType> = Extract<NotificationEvent, { type: T }>;

export const eventTypes = [
  'booking.created',
  'booking.approved',
  'booking.declined',
  'booking.cancelled',
  'booking.rescheduled',
  'booking.requested',
  'booking.completed',
  'booking.no_show',
  'sale.created',
  'reminder.due',
  'account.created',
  'password_reset.requested',
  'webhook.disabled',
] as const satisfies readonly EventType[];

/**
 * What a webhook may subscribe to. A password-reset event carries a token and a disabled
 * webhook is an internal matter: neither leaves the system.
 */
export const webhookEventTypes = [
  'booking.created',
  'booking.approved',
  'booking.declined',
  'booking.cancelled',
  'booking.rescheduled',
  'booking.requested',
  'booking.completed',
  'booking.no_show',
  'sale.created',
  'reminder.due',
  'account.created',
] as const satisfies readonly EventType[];
export type WebhookEventType = (typeof webhookEventTypes)[number];

export type UserChannel = 'in_app' | 'email';

/** Which user channels an event uses: a reset link goes by e-mail only, an admin alert in-app only. */
export function userChannelsFor(type: EventType): UserChannel[] {
  switch (type) {
    case 'password_reset.requested':
      return ['email'];
    case 'webhook.disabled':
      return ['in_app'];
    default:
      return ['in_app', 'email'];
  }
}

export function isWebhookEvent(type: EventType): type is WebhookEventType {
  return (webhookEventTypes as readonly string[]).includes(type);
}

import type { BookingKind } from '../bookings/schemas';
import type { BookingChangePayload, BookingPayload, BookingRequestedPayload, EventOf, EventType } from './events';

/**
 * One template per event: a subject, a few plain lines and an optional call to action. The
 * e-mail's text and HTML bodies and the in-app entry are all built from that one template,
 * so the three never say different things.
 */
export interface TemplateContext {
  /** Links in messages start here (PUBLIC_URL). */
  publicUrl: string;
  /** Times are shown in the showroom's zone. */
  timeZone: string;
  recipientName: string | null;
}

export interface Message {
  subject: string;
  lines: string[];
  action: { label: string; url: string } | null;
}

export interface RenderedMessage extends Message {
  text: string;
  html: string;
}

type Template<P> = (event: { payload: P; private: unknown }, ctx: TemplateContext) => Message;
type PayloadOf<T extends EventType> = EventOf<T>['payload'];

function when(iso: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
  return `${text} (${timeZone})`;
}

const bookingNoun = (kind: BookingKind) => (kind === 'test_drive' ? 'test drive' : 'rental');
const link = (ctx: TemplateContext, path: string) => `${ctx.publicUrl.replace(/\/+$/, '')}${path}`;

function bookingTemplate(verb: string): Template<BookingPayload> {
  return ({ payload: p }, ctx) => ({
    subject: `Your ${bookingNoun(p.kind)} of the ${p.carLabel} ${verb}`,
    lines: [
      `Your ${bookingNoun(p.kind)} of the ${p.carLabel} ${verb}.`,
      `From ${when(p.startAt, ctx.timeZone)} to ${when(p.endAt, ctx.timeZone)}.`,
    ],
    action: { label: 'See the booking', url: link(ctx, `/bookings/${p.bookingId}`) },
  });
}

function withReason(template: Template<BookingPayload>): Template<BookingChangePayload> {
  return (event, ctx) => {
    const message = template(event, ctx);
    const reason = event.payload.reason;
    return reason ? { ...message, lines: [...message.lines, `Reason: ${reason}`] } : message;
  };
}

const templates: { [T in EventType]: Template<PayloadOf<T>> } = {
  'booking.created': bookingTemplate('is booked'),
  'booking.approved': bookingTemplate('is approved'),
  'booking.declined': withReason(bookingTemplate('was declined')),
  'booking.cancelled': withReason(bookingTemplate('was cancelled')),
  'booking.rescheduled': ({ payload: p }, ctx) => ({
    subject: `Your ${bookingNoun(p.kind)} of the ${p.carLabel} was moved`,
    lines: [
      `Your ${bookingNoun(p.kind)} of the ${p.carLabel} was moved.`,
      `Now: ${when(p.startAt, ctx.timeZone)} to ${when(p.endAt, ctx.timeZone)}.`,
      `Before: ${when(p.previousStartAt, ctx.timeZone)} to ${when(p.previousEndAt, ctx.timeZone)}.`,
    ],
    action: { label: 'See the booking', url: link(ctx, `/bookings/${p.bookingId}`) },
  }),
  'booking.requested': ({ payload: p }: { payload: BookingRequestedPayload }, ctx) => ({
    subject: p.previousStartAt
      ? `Test drive to approve: the ${p.carLabel}, moved`
      : `Test drive to approve: the ${p.carLabel}`,
    lines: [
      `${p.customerName ?? 'A customer'} asks to test-drive the ${p.carLabel}.`,
      `From ${when(p.startAt, ctx.timeZone)} to ${when(p.endAt, ctx.timeZone)}.`,
      ...(p.previousStartAt ? [`Moved from ${when(p.previousStartAt, ctx.timeZone)}.`] : []),
    ],
    action: { label: 'Approve or decline', url: link(ctx, `/bookings/${p.bookingId}`) },
  }),
  'booking.completed': bookingTemplate('is completed'),
  'booking.no_show': bookingTemplate('was marked as a no-show'),
  'sale.created': ({ payload: p }, ctx) => ({
    subject: `The ${p.carLabel} is yours`,
    lines: [`You bought the ${p.carLabel} for ${p.price}.`, 'It is now in your garage.'],
    action: { label: 'Open your garage', url: link(ctx, `/garage/${p.garageCarId}`) },
  }),
  'reminder.due': ({ payload: p }, ctx) => {
    const when = [
      p.dueDate ? `on ${p.dueDate}` : null,
      p.dueKm !== null ? `at ${p.dueKm.toLocaleString('en-US')} km` : null,
    ]
      .filter(Boolean)
      .join(' or ');
    return {
      subject: `${p.overdue ? 'Overdue' : 'Due soon'}: ${p.title} for the ${p.carLabel}`,
      lines: [
        `${p.title} for the ${p.carLabel} is ${p.overdue ? 'overdue' : 'due'}: ${when}${p.dueDate && p.dueKm !== null ? ', whichever comes first' : ''}.`,
        `The odometer reads ${p.mileage.toLocaleString('en-US')} km.`,
      ],
      action: { label: 'Open the logbook', url: link(ctx, `/garage/${p.carId}`) },
    };
  },
  'account.created': ({ payload: p }, ctx) => ({
    subject: 'An account was created for you',
    lines: [
      `An administrator created a carhub account for you. Your username is ${p.username}.`,
      'Ask the administrator for your password, or choose your own with the link below.',
    ],
    action: { label: 'Choose a password', url: link(ctx, '/forgot-password') },
  }),
  'password_reset.requested': (event, ctx) => {
    const token = (event.private as { token?: string } | null)?.token;
    return {
      subject: 'Reset your password',
      lines: [
        'Someone (hopefully you) asked to reset the password of your carhub account.',
        `The link works once, until ${when(event.payload.expiresAt, ctx.timeZone)}.`,
        'If it was not you, ignore this message: your password stays as it is.',
      ],
      action: token
        ? { label: 'Reset your password', url: link(ctx, `/reset-password?token=${encodeURIComponent(token)}`) }
        : null,
    };
  },
  'webhook.disabled': ({ payload: p }, ctx) => ({
    subject: 'A webhook endpoint was disabled',
    lines: [
      `Deliveries to ${p.url} failed without a break since ${when(p.failingSince, ctx.timeZone)}.`,
      'The endpoint was disabled; re-enable it once the receiver works again.',
    ],
    action: { label: 'Open webhooks', url: link(ctx, `/admin/webhooks/${p.webhookId}`) },
  }),
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function renderMessage(
  event: { type: EventType; payload: unknown; private: unknown },
  ctx: TemplateContext,
): RenderedMessage {
  const template = templates[event.type] as Template<unknown>;
  const message = template(event, ctx);
  const greeting = ctx.recipientName ? `Hello ${ctx.recipientName},` : 'Hello,';
  const text = [
    greeting,
    '',
    ...message.lines,
    ...(message.action ? ['', `${message.action.label}: ${message.action.url}`] : []),
  ]
    .join('\n')
    .concat('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...message.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    message.action ? `<p><a href="${escapeHtml(message.action.url)}">${escapeHtml(message.action.label)}</a></p>` : '',
    '</body></html>',
  ].join('\n');
  return { ...message, text, html };
}

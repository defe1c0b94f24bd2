import type { BookingStatusValue } from '@carhub/db';
export const bookingStatuses = [
  'pending',
  'approved',
  'declined',
  'cancelled',
  'completed',
  'no_show',
] as const satisfies readonly BookingStatusValue[];
export type BookingStatus = (typeof bookingStatuses)[number];
export type BookingKind = 'rental' | 'test_drive';
export type BookingAction = 'approve' | 'decline' | 'complete' | 'noShow' | 'cancel' | 'reschedule';

/** Statuses that hold the car: the exclusion constraint covers exactly these. */
export const ACTIVE_STATUSES = ['pending', 'approved'] as const satisfies readonly BookingStatus[];

const from: Record<BookingAction, readonly BookingStatus[]> = {
  approve: ['pending'],
  decline: ['pending'],
  complete: ['approved'],
  noShow: ['approved'],
  cancel: ['pending', 'approved'],
  reschedule: ['pending', 'approved'],
};

const verbs: Record<BookingAction, string> = {
  approve: 'approved',
  decline: 'declined',
  complete: 'completed',
  noShow: 'marked as a no-show',
  cancel: 'cancelled',
  reschedule: 'rescheduled',
};

export type TransitionResult = { ok: true; status: BookingStatus } | { ok: false; message: string };

/**
 * The booking workflow: pending -> approved -> completed | no_show; pending -> declined;
 * pending | approved -> cancelled. A rescheduled test drive waits for approval again; a
 * rescheduled rental keeps its status. Completion and no-show only once the slot began.
 */
export function transition(
  booking: { status: BookingStatus; kind: BookingKind; startAt: Date },
  action: BookingAction,
  now: Date,
): TransitionResult {
  if (!from[action].includes(booking.status)) {
    return { ok: false, message: `This booking is ${booking.status.replace('_', '-')}; it can't be ${verbs[action]}.` };
  }
  if ((action === 'complete' || action === 'noShow') && now.getTime() < booking.startAt.getTime()) {
    return { ok: false, message: `This booking hasn't started yet; it can't be ${verbs[action]} before its start.` };
  }
  const next: Record<BookingAction, BookingStatus> = {
    approve: 'approved',
    decline: 'declined',
    complete: 'completed',
    noShow: 'no_show',
    cancel: 'cancelled',
    reschedule: booking.kind === 'test_drive' ? 'pending' : booking.status,
  };
  return { ok: true, status: next[action] };
}

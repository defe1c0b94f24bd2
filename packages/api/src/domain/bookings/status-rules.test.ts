import { describe, expect, it } from 'vitest';
import { type BookingAction, type BookingStatus, bookingStatuses, transition } from './status-rules';

const now = new Date('2026-07-01T12:00:00Z');
const past = new Date('2026-07-01T10:00:00Z');
const future = new Date('2026-07-02T10:00:00Z');

const allowed: Record<BookingAction, Partial<Record<BookingStatus, BookingStatus>>> = {
  approve: { pending: 'approved' },
  decline: { pending: 'declined' },
  complete: { approved: 'completed' },
  noShow: { approved: 'no_show' },
  cancel: { pending: 'cancelled', approved: 'cancelled' },
  reschedule: { pending: 'pending', approved: 'pending' },
};

describe('transition', () => {
  for (const action of Object.keys(allowed) as BookingAction[]) {
    for (const status of bookingStatuses) {
      const expected = allowed[action][status];
      it(`${action} from ${status} -> ${expected ?? '409'}`, () => {
        const result = transition({ status, kind: 'test_drive', startAt: past }, action, now);
        if (expected) expect(result).toEqual({ ok: true, status: expected });
        else {
          expect(result.ok).toBe(false);
          expect(!result.ok && result.message).toContain(`This booking is ${status.replace('_', '-')}`);
        }
      });
    }
  }

  it('completes and marks no-shows only once the booking has started', () => {
    for (const action of ['complete', 'noShow'] as const) {
      const early = transition({ status: 'approved', kind: 'test_drive', startAt: future }, action, now);
      expect(early.ok).toBe(false);
      expect(!early.ok && early.message).toContain("hasn't started yet");
    }
  });

  it('keeps a rescheduled rental approved but sends a test drive back for approval', () => {
    expect(transition({ status: 'approved', kind: 'rental', startAt: future }, 'reschedule', now)).toEqual({
      ok: true,
      status: 'approved',
    });
    expect(transition({ status: 'approved', kind: 'test_drive', startAt: future }, 'reschedule', now)).toEqual({
      ok: true,
      status: 'pending',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { eventTypes } from './events';
import { renderMessage } from './templates';

const ctx = { publicUrl: 'https://cars.example.com/', timeZone: 'Europe/Berlin', recipientName: 'Ada <b>' };
const booking = {
  bookingId: 'b1',
  carId: 'c1',
  kind: 'test_drive',
  carLabel: '2019 Toyota Corolla',
  startAt: '2026-03-02T09:00:00.000Z',
  endAt: '2026-03-02T10:00:00.000Z',
  previousStartAt: '2026-03-01T09:00:00.000Z',
  previousEndAt: '2026-03-01T10:00:00.000Z',
  reason: 'car in service',
};

describe('renderMessage', () => {
  it('has a template for every event type', () => {
    for (const type of eventTypes) {
      const m = renderMessage(
        {
          type,
          payload: {
            ...booking,
            saleId: 's1',
            garageCarId: 'g1',
            price: '1.00',
            username: 'u',
            webhookId: 'w',
            url: 'u',
            failingSince: booking.startAt,
            expiresAt: booking.endAt,
            title: 'Oil change',
            dueDate: '2026-04-01',
            dueKm: 15_000,
            mileage: 14_600,
            overdue: false,
          },
          private: { token: 't' },
        },
        ctx,
      );
      expect(m.subject.length).toBeGreaterThan(0);
      expect(m.text).toContain(m.lines[0]);
    }
  });

  it('says what a due reminder is about, by date or distance', () => {
    const payload = {
      reminderId: 'r1',
      carId: 'c1',
      carLabel: '2021 Mazda CX-5',
      title: 'Oil change',
      dueDate: '2026-04-01',
      dueKm: 15_000,
      mileage: 14_600,
      occurrence: 1,
      overdue: false,
    };
    const m = renderMessage({ type: 'reminder.due', payload, private: null }, ctx);
    expect(m.subject).toBe('Due soon: Oil change for the 2021 Mazda CX-5');
    expect(m.text).toContain('on 2026-04-01 or at 15,000 km, whichever comes first');
    expect(m.text).toContain('https://cars.example.com/garage/c1');
    const late = renderMessage(
      { type: 'reminder.due', payload: { ...payload, dueDate: null, overdue: true }, private: null },
      ctx,
    );
    expect(late.subject).toMatch(/^Overdue: /);
  });

  it('shows times in the showroom zone and links under PUBLIC_URL', () => {
    const m = renderMessage({ type: 'booking.declined', payload: booking, private: null }, ctx);
    expect(m.text).toContain('10:00 (Europe/Berlin)');
    expect(m.text).toContain('Reason: car in service');
    expect(m.text).toContain('https://cars.example.com/bookings/b1');
  });

  it('escapes HTML and puts the reset link in both bodies', () => {
    const m = renderMessage(
      { type: 'password_reset.requested', payload: { expiresAt: booking.endAt }, private: { token: 'a+b/c' } },
      ctx,
    );
    expect(m.html).toContain('Hello Ada &lt;b&gt;,');
    expect(m.text).toContain('https://cars.example.com/reset-password?token=a%2Bb%2Fc');
    expect(m.html).toContain('href="https://cars.example.com/reset-password?token=a%2Bb%2Fc"');
  });
});

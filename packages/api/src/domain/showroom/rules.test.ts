import { describe, expect, it } from 'vitest';
import { defaultShowroomRules, freeSlots, testDriveSlots, testDriveStartProblem } from './rules';

const rules = defaultShowroomRules;
const held = (taken: { startAt: Date; endAt: Date }[]) => taken.map((t) => ({ ...t, heldUntil: t.endAt }));

const iso = (d: Date) => d.toISOString();

describe('test-drive slots', () => {
  it('are the eight local hours 09:00..16:00 on an ordinary day', () => {
    const slots = testDriveSlots('2026-07-01', rules('Europe/Berlin'));
    expect(slots.map((s) => s.localTime)).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
    expect(iso(slots[0]?.startAt ?? new Date(0))).toBe('2026-07-01T07:00:00.000Z');
    expect(slots.every((s) => s.endAt.getTime() - s.startAt.getTime() === 3_600_000)).toBe(true);
  });

  it('stay on local hours across a spring-forward and a fall-back day', () => {
    const spring = testDriveSlots('2026-03-29', rules('Europe/Berlin'));
    expect(spring).toHaveLength(8);
    expect(iso(spring[0]?.startAt ?? new Date(0))).toBe('2026-03-29T07:00:00.000Z'); // CEST, UTC+2
    const autumn = testDriveSlots('2026-10-25', rules('Europe/Berlin'));
    expect(autumn).toHaveLength(8);
    expect(iso(autumn[0]?.startAt ?? new Date(0))).toBe('2026-10-25T08:00:00.000Z'); // CET, UTC+1
    const karachi = testDriveSlots('2026-03-29', rules('Asia/Karachi'));
    expect(iso(karachi[7]?.startAt ?? new Date(0))).toBe('2026-03-29T11:00:00.000Z');
  });

  it('leave out past starts and taken hours; back-to-back bookings do not clash', () => {
    const slots = testDriveSlots('2026-07-01', rules('UTC'));
    const taken = [
      { startAt: new Date('2026-07-01T10:00:00Z'), endAt: new Date('2026-07-01T11:00:00Z') },
      { startAt: new Date('2026-07-01T12:30:00Z'), endAt: new Date('2026-07-01T13:01:00Z') },
    ];
    const free = freeSlots(slots, held(taken), rules('UTC'), new Date('2026-07-01T09:30:00Z'));
    expect(free.map((s) => s.localTime)).toEqual(['11:00', '14:00', '15:00', '16:00']);
  });
});

describe('testDriveStartProblem', () => {
  const now = new Date('2026-07-01T00:00:00Z');
  it('accepts a future start on the hour within opening hours', () => {
    expect(testDriveStartProblem(new Date('2026-07-02T07:00:00Z'), rules('Europe/Berlin'), now)).toBeNull();
  });
  it.each([
    ['2026-07-02T07:30:00Z', 'not one'],
    ['2026-07-02T06:00:00Z', '08:00 is too early'],
    ['2026-07-02T15:00:00Z', 'would end at 18:00'],
    ['2026-06-30T07:00:00Z', 'in the future'],
  ])('refuses %s', (start, message) => {
    expect(testDriveStartProblem(new Date(start), rules('Europe/Berlin'), now)).toContain(message);
  });
});

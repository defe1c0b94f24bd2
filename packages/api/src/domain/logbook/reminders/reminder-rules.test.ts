import { describe, expect, it } from 'vitest';
import { addMonths, reminderStatus, rollForward } from './reminder-rules';

const base = { dueDate: null, dueKm: null, notifyDaysBefore: 14, notifyKm: 500, done: false };

describe('reminderStatus', () => {
  it('goes upcoming, due, overdue by date', () => {
    const r = { ...base, dueDate: '2026-07-01' };
    expect(reminderStatus(r, '2026-06-16', 0)).toBe('upcoming');
    expect(reminderStatus(r, '2026-06-17', 0)).toBe('due');
    expect(reminderStatus(r, '2026-07-01', 0)).toBe('due');
    expect(reminderStatus(r, '2026-07-02', 0)).toBe('overdue');
  });

  it('goes upcoming, due, overdue by km', () => {
    const r = { ...base, dueKm: 15_000 };
    expect(reminderStatus(r, '2026-01-01', 14_499)).toBe('upcoming');
    expect(reminderStatus(r, '2026-01-01', 14_500)).toBe('due');
    expect(reminderStatus(r, '2026-01-01', 15_000)).toBe('due');
    expect(reminderStatus(r, '2026-01-01', 15_001)).toBe('overdue');
  });

  it('takes whichever comes first, and done wins', () => {
    const r = { ...base, dueDate: '2027-01-01', dueKm: 15_000 };
    expect(reminderStatus(r, '2026-01-01', 1_000)).toBe('upcoming');
    expect(reminderStatus(r, '2026-01-01', 14_600)).toBe('due');
    expect(reminderStatus(r, '2027-01-02', 1_000)).toBe('overdue');
    expect(reminderStatus({ ...r, done: true }, '2027-01-02', 99_000)).toBe('done');
  });
});

describe('rollForward', () => {
  it('counts from the completion, by months and km', () => {
    expect(rollForward({ repeatMonths: 12, repeatKm: 15_000 }, { at: '2026-03-10', km: 42_000 })).toEqual({
      dueDate: '2027-03-10',
      dueKm: 57_000,
    });
    expect(rollForward({ repeatMonths: null, repeatKm: 10_000 }, { at: '2026-03-10', km: 42_000 })).toEqual({
      dueDate: null,
      dueKm: 52_000,
    });
    expect(rollForward({ repeatMonths: null, repeatKm: null }, { at: '2026-03-10', km: 1 })).toBeNull();
  });

  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-12-31', 12)).toBe('2027-12-31');
  });
});

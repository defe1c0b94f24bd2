import { describe, expect, it } from 'vitest';
import { dashboardWindow } from './dashboard-window';

describe('dashboardWindow', () => {
  it('reads today and the months in the showroom zone, not UTC', () => {
    // 23:30 on 31 March in Lisbon (summer time, UTC+1) is 22:30 UTC: still March there.
    const window = dashboardWindow(new Date('2026-03-31T22:30:00Z'), 'Europe/Lisbon');
    expect(window.today).toBe('2026-03-31');
    expect(window.tomorrow).toBe('2026-04-01');
    expect(window.todayStart.toISOString()).toBe('2026-03-30T23:00:00.000Z');
    expect(window.tomorrowStart.toISOString()).toBe('2026-03-31T23:00:00.000Z');
    expect(window.dayAfterStart.toISOString()).toBe('2026-04-01T23:00:00.000Z');
    expect(window.monthStart.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(window.lastMonthStart.toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });

  it('goes back a year for last month in January', () => {
    const window = dashboardWindow(new Date('2026-01-15T12:00:00Z'), 'UTC');
    expect(window.monthStart.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(window.lastMonthStart.toISOString()).toBe('2025-12-01T00:00:00.000Z');
  });

  it('makes a day 23 hours long when the clocks go forward', () => {
    const window = dashboardWindow(new Date('2026-03-08T15:00:00Z'), 'America/New_York');
    expect(window.tomorrowStart.getTime() - window.todayStart.getTime()).toBe(23 * 3600_000);
  });
});

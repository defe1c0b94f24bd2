import { addDays, type IsoDate, localDate, parseIsoDate, startOfLocalDay } from '../showroom/showroom-time';

/** The instants the dashboard counts between, read in the showroom's zone. */
export interface DashboardWindow {
  timeZone: string;
  today: IsoDate;
  tomorrow: IsoDate;
  todayStart: Date;
  tomorrowStart: Date;
  /** The end of tomorrow: the midnight after it. */
  dayAfterStart: Date;
  monthStart: Date;
  lastMonthStart: Date;
}

function firstOfMonth(year: number, month: number): IsoDate {
  const date = new Date(Date.UTC(year, month - 1, 1));
  return date.toISOString().slice(0, 10) as IsoDate;
}

/**
 * Today, tomorrow, this month and last month as the showroom's clock has them: a month starts
 * at the local midnight of its first day, so a sale at 23:30 on the 31st in the showroom counts
 * for that month whatever UTC says.
 */
export function dashboardWindow(now: Date, timeZone: string): DashboardWindow {
  const today = localDate(now, timeZone);
  const tomorrow = addDays(today, 1);
  const { year, month } = parseIsoDate(today);
  return {
    timeZone,
    today,
    tomorrow,
    todayStart: startOfLocalDay(today, timeZone),
    tomorrowStart: startOfLocalDay(tomorrow, timeZone),
    dayAfterStart: startOfLocalDay(addDays(today, 2), timeZone),
    monthStart: startOfLocalDay(firstOfMonth(year, month), timeZone),
    lastMonthStart: startOfLocalDay(
      firstOfMonth(month === 1 ? year - 1 : year, month === 1 ? 12 : month - 1),
      timeZone,
    ),
  };
}

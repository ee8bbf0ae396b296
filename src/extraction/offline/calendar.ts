// Calendar arithmetic in UTC on whole days: the conversation's "now" is an instant, and the prospect's
// time zone is unknown, so windows end on UTC calendar days.

const DAY_MS = 86_400_000;

export function utcDay(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month, day));
}

export function startOfDay(date: Date): Date {
  return utcDay(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

export function addDays(date: Date, days: number): Date {
  return new Date(startOfDay(date).getTime() + days * DAY_MS);
}

/** Last day of `month` (0-based) in `year`; months past 11 roll into later years. */
export function endOfMonth(year: number, month: number): Date {
  return utcDay(year, month + 1, 0);
}

export function endOfYear(year: number): Date {
  return utcDay(year, 11, 31);
}

/** Last day of quarter 1–4 of `year`. */
export function endOfQuarter(year: number, quarter: number): Date {
  return endOfMonth(year, quarter * 3 - 1);
}

export function quarterOf(date: Date): number {
  return Math.floor(date.getUTCMonth() / 3) + 1;
}

/** Sunday ending the week of `date` (a week ends on Sunday). */
export function endOfWeek(date: Date): Date {
  const weekday = date.getUTCDay();
  return addDays(date, weekday === 0 ? 0 : 7 - weekday);
}

/** Whole calendar days from `now` to `target` (negative when the target is past). */
export function daysBetween(now: Date, target: Date): number {
  return Math.round((startOfDay(target).getTime() - startOfDay(now).getTime()) / DAY_MS);
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

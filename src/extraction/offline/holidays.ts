import { addDays, startOfDay, utcDay } from "./calendar.js";

// Named days people plan around ("before Black Friday", "by Labor Day"). US and common
// international dates; each resolves to its next occurrence on or after "now".

type DayOfYear = (year: number) => Date;

/** The `nth` (1-based) `weekday` (0 = Sunday) of `month`; negative `nth` counts from the month's end. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): Date {
  if (nth > 0) {
    const first = utcDay(year, month, 1);
    const offset = (weekday - first.getUTCDay() + 7) % 7;
    return utcDay(year, month, 1 + offset + (nth - 1) * 7);
  }
  const last = utcDay(year, month + 1, 0);
  const offset = (last.getUTCDay() - weekday + 7) % 7;
  return utcDay(year, month, last.getUTCDate() - offset);
}

/** Easter Sunday (anonymous Gregorian algorithm). */
function easter(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utcDay(year, month - 1, day);
}

const thanksgiving: DayOfYear = (year) => nthWeekday(year, 10, 4, 4);

/** Holiday names as token sequences (lower case) and the day each falls on. */
export const holidays: { words: string[]; day: DayOfYear }[] = [
  { words: ["christmas"], day: (year) => utcDay(year, 11, 25) },
  { words: ["xmas"], day: (year) => utcDay(year, 11, 25) },
  { words: ["boxing", "day"], day: (year) => utcDay(year, 11, 26) },
  { words: ["new", "year's", "eve"], day: (year) => utcDay(year, 11, 31) },
  { words: ["new", "year's", "day"], day: (year) => utcDay(year, 0, 1) },
  { words: ["new", "year's"], day: (year) => utcDay(year, 0, 1) },
  { words: ["new", "years"], day: (year) => utcDay(year, 0, 1) },
  { words: ["thanksgiving"], day: thanksgiving },
  { words: ["black", "friday"], day: (year) => addDays(thanksgiving(year), 1) },
  { words: ["cyber", "monday"], day: (year) => addDays(thanksgiving(year), 4) },
  { words: ["labor", "day"], day: (year) => nthWeekday(year, 8, 1, 1) },
  { words: ["labour", "day"], day: (year) => nthWeekday(year, 8, 1, 1) },
  { words: ["memorial", "day"], day: (year) => nthWeekday(year, 4, 1, -1) },
  { words: ["independence", "day"], day: (year) => utcDay(year, 6, 4) },
  { words: ["july", "4th"], day: (year) => utcDay(year, 6, 4) },
  { words: ["4th", "of", "july"], day: (year) => utcDay(year, 6, 4) },
  { words: ["fourth", "of", "july"], day: (year) => utcDay(year, 6, 4) },
  { words: ["canada", "day"], day: (year) => utcDay(year, 6, 1) },
  { words: ["halloween"], day: (year) => utcDay(year, 9, 31) },
  { words: ["valentine's", "day"], day: (year) => utcDay(year, 1, 14) },
  { words: ["valentines", "day"], day: (year) => utcDay(year, 1, 14) },
  { words: ["easter"], day: easter },
  { words: ["tax", "day"], day: (year) => utcDay(year, 3, 15) },
];

/** The next date (on or after today) of the holiday whose words start at `words[0]`, with its length. */
export function nextHoliday(words: readonly string[], now: Date): { length: number; date: Date } | undefined {
  const today = startOfDay(now);
  for (const holiday of holidays) {
    if (!holiday.words.every((word, offset) => words[offset] === word)) continue;
    const thisYear = holiday.day(today.getUTCFullYear());
    const date = thisYear < today ? holiday.day(today.getUTCFullYear() + 1) : thisYear;
    return { length: holiday.words.length, date };
  }
  return undefined;
}

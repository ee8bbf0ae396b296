import * as chrono from "chrono-node";
import type { Analysis, Token } from "./analysis.js";
import {
  addDays,
  endOfMonth,
  endOfQuarter,
  endOfWeek,
  endOfYear,
  quarterOf,
  startOfDay,
  utcDay,
} from "./calendar.js";
import { nextHoliday } from "./holidays.js";
import { readNumberAt } from "./numbers.js";
import { compilePatterns, findAny } from "./phrase-matcher.js";

// Time expressions and the end of the window each one states ("by the end of Q2" → 30 June,
// "next quarter" → the last day of next quarter, "within 6 months" → now + 180 days). A token
// grammar covers what chrono-node does not model as windows (quarters, halves, years, seasons,
// durations, "early next year"); chrono-node reads the rest (calendar dates, weekdays, "tomorrow").

export type TimeExpression =
  | {
      kind: "date";
      start: number;
      end: number;
      target: Date;
      via: "grammar" | "chrono";
      /** How wide the stated window is (0 a day … 4 a year): the narrowest statement wins. */
      granularity: number;
    }
  | { kind: "asap"; start: number; end: number }
  | { kind: "none"; start: number; end: number };

/** Durations count whole months as 30 days so "within 3 months" is always within three months. */
const unitDays: Record<string, number> = {
  day: 1,
  days: 1,
  week: 7,
  weeks: 7,
  wk: 7,
  wks: 7,
  month: 30,
  months: 30,
  mo: 30,
  mos: 30,
  quarter: 90,
  quarters: 90,
  year: 365,
  years: 365,
  yr: 365,
  yrs: 365,
};
const vagueCounts: Record<string, number> = { few: 3, couple: 2, several: 4, one: 1, a: 1, an: 1 };
const durationLeads = new Set([
  "about",
  "around",
  "roughly",
  "approximately",
  "maybe",
  "~",
  "in",
  "within",
  "over",
  "during",
  "inside",
  "under",
  "next",
  "coming",
  "following",
  "the",
  "of",
]);

const months: Record<string, number> = {
  january: 0,
  jan: 0,
  february: 1,
  feb: 1,
  march: 2,
  mar: 2,
  april: 3,
  apr: 3,
  may: 4,
  june: 5,
  jun: 5,
  july: 6,
  jul: 6,
  august: 7,
  aug: 7,
  september: 8,
  sep: 8,
  sept: 8,
  october: 9,
  oct: 9,
  november: 10,
  nov: 10,
  december: 11,
  dec: 11,
};
// Month names that are also everyday words need a capital letter or a preposition before them.
const ambiguousMonths = new Set([
  "may",
  "march",
  "mar",
  "jan",
  "dec",
  "aug",
  "sep",
  "oct",
  "nov",
  "jun",
  "jul",
  "apr",
  "feb",
]);
const monthPrepositions = new Set([
  "in",
  "by",
  "before",
  "until",
  "till",
  "til",
  "of",
  "early",
  "mid",
  "late",
  "around",
  "from",
  "through",
  "during",
  "end",
  "beginning",
  "start",
  "middle",
  "next",
  "this",
]);
const quarterWords: Record<string, number> = {
  q1: 1,
  q2: 2,
  q3: 3,
  q4: 4,
};
const ordinals: Record<string, number> = {
  first: 1,
  "1st": 1,
  second: 2,
  "2nd": 2,
  third: 3,
  "3rd": 3,
  fourth: 4,
  "4th": 4,
};
const seasons: Record<string, { month: number }> = {
  spring: { month: 4 },
  summer: { month: 7 },
  fall: { month: 10 },
  autumn: { month: 10 },
  winter: { month: 13 },
};

type Part = "start" | "early" | "mid" | "end" | "whole";

const asapPatterns = compilePatterns([
  "asap",
  "a.s.a.p.",
  "as soon as possible|possible",
  "as soon as we can",
  "immediately",
  "urgently",
  "urgent",
  "sooner the better",
  "soonest",
  "need|needed|want|wanted * yesterday",
]);
/** Urgent only next to a need ("we need it right away"); "we use spreadsheets right now" is not. */
const nearPatterns = compilePatterns([
  "right away|now",
  "straight away",
  "this week",
  "today|tonight|tomorrow",
]);
const nonePatterns = compilePatterns([
  "no rush|hurry",
  "not in a|any rush|hurry",
  "in no rush|hurry",
  "no timeline|timelines|deadline|deadlines|timeframe|time-frame|date",
  "no time frame",
  "no set|fixed|firm|specific|particular|real|hard|defined|concrete timeline|timeframe|deadline|date|plan",
  "no set|fixed|specific|particular time frame",
  "not have a|any set|fixed|firm|specific|particular|real|hard|defined|concrete? timeline|timeframe|deadline|date",
  "not urgent|time-sensitive|pressing",
  "nothing urgent|pressing|planned|scheduled|concrete|firm|set",
  "not a priority",
  "no time pressure",
  "open-ended",
  "not any? time soon",
  "not anytime soon",
  "no plans to buy|purchase|change|switch",
]);

function word(tokens: readonly Token[], index: number): string {
  const token = tokens[index];
  return token ? token.normal.replace(/\.$/, "") : "";
}

function windowOfYear(year: number, part: Part): Date {
  switch (part) {
    case "start":
      return endOfMonth(year, 0);
    case "early":
      return endOfMonth(year, 2);
    case "mid":
      return endOfMonth(year, 5);
    default:
      return endOfYear(year);
  }
}

function windowOfMonth(year: number, month: number, part: Part): Date {
  if (part === "start" || part === "early") return utcDay(year, month, 10);
  if (part === "mid") return utcDay(year, month, 20);
  return endOfMonth(year, month);
}

function windowOfQuarter(year: number, quarter: number, part: Part): Date {
  const firstMonth = (quarter - 1) * 3;
  if (part === "start" || part === "early") return endOfMonth(year, firstMonth);
  if (part === "mid") return endOfMonth(year, firstMonth + 1);
  return endOfQuarter(year, quarter);
}

interface Reading {
  end: number;
  target: Date;
  granularity?: number;
}

/** "early", "mid", "end of", "the beginning of", "by the end of", "mid-" before a period. */
function readPart(tokens: readonly Token[], index: number): { part: Part; next: number } {
  let position = index;
  if (word(tokens, position) === "the") position++;
  const first = word(tokens, position);
  const partWords: Record<string, Part> = {
    early: "early",
    mid: "mid",
    middle: "mid",
    late: "end",
    end: "end",
    beginning: "start",
    start: "start",
  };
  const part = partWords[first];
  if (!part) return { part: "whole", next: index };
  position++;
  if (word(tokens, position) === "of") position++;
  else if (word(tokens, position) === "-") position++;
  else if (!["early", "mid", "late"].includes(first)) return { part: "whole", next: index };
  if (word(tokens, position) === "the") position++;
  return { part, next: position };
}

/** An explicit 4-digit year near now ("2028", "'27" is not handled: too ambiguous). */
function yearAt(tokens: readonly Token[], index: number, now: Date): number | undefined {
  const token = tokens[index];
  if (token?.kind !== "number" || !/^20\d\d$/.test(token.text)) return undefined;
  const year = Number(token.text);
  return year >= now.getUTCFullYear() - 1 && year <= now.getUTCFullYear() + 15 ? year : undefined;
}

function relativeYear(
  tokens: readonly Token[],
  index: number,
  now: Date,
): { year: number; next: number } | undefined {
  const first = word(tokens, index);
  const second = word(tokens, index + 1);
  const current = now.getUTCFullYear();
  // "next fiscal year", "this financial year": read as the calendar year (fiscal calendars vary).
  if (
    ["this", "next"].includes(first) &&
    ["fiscal", "financial", "calendar", "budget"].includes(second) &&
    word(tokens, index + 2) === "year"
  )
    return { year: current + (first === "next" ? 1 : 0), next: index + 3 };
  const fiscal = /^fy'?(\d{2}|\d{4})$/.exec(first);
  if (fiscal?.[1]) {
    const year = fiscal[1].length === 2 ? 2000 + Number(fiscal[1]) : Number(fiscal[1]);
    if (year >= current - 1 && year <= current + 15) return { year, next: index + 1 };
  }
  if (first === "this" && second === "year") return { year: current, next: index + 2 };
  // "the year" is this year only as a window: "by the end of the year", "within the year".
  if (
    first === "the" &&
    second === "year" &&
    ["of", "within", "by", "before", "until", "during"].includes(word(tokens, index - 1))
  )
    return { year: current, next: index + 2 };
  if ((first === "next" || first === "following") && second === "year")
    return { year: current + 1, next: index + 2 };
  if (first === "the" && (second === "next" || second === "following") && word(tokens, index + 2) === "year")
    return { year: current + 1, next: index + 3 };
  const explicit = yearAt(tokens, index, now);
  return explicit === undefined ? undefined : { year: explicit, next: index + 1 };
}

/** Words that make a following bare year a time ("in 2028", "probably 2029"). */
const yearCompanions = new Set([
  "in",
  "by",
  "for",
  "during",
  "until",
  "till",
  "before",
  "around",
  "of",
  "sometime",
  "early",
  "late",
  "mid",
  "probably",
  "maybe",
  "likely",
  "possibly",
  "circa",
  "about",
]);

function readYear(tokens: readonly Token[], index: number, now: Date): Reading | undefined {
  const { part, next } = readPart(tokens, index);
  const year = relativeYear(tokens, next, now);
  if (!year) {
    const single = word(tokens, next);
    if (single === "eoy" || single === "year-end" || (single === "year" && word(tokens, next + 1) === "end"))
      return { end: next + (single === "year" ? 2 : 1), target: endOfYear(now.getUTCFullYear()) };
    if (part !== "whole" && single === "year")
      return { end: next + 1, target: windowOfYear(now.getUTCFullYear(), part) };
    if (single === "end-of-year") return { end: next + 1, target: endOfYear(now.getUTCFullYear()) };
    return undefined;
  }
  // A bare year needs company: "2028" alone is too often a count or a model number.
  if (part === "whole" && tokens[next]?.kind === "number" && next === index && index > 0) {
    if (!yearCompanions.has(word(tokens, index - 1))) return undefined;
  }
  return { end: year.next, target: windowOfYear(year.year, part) };
}

/** "next year's roadmap, H2 most likely": a year named elsewhere in the sentence anchors a bare quarter or half. */
function yearNearby(tokens: readonly Token[], index: number, now: Date): number | undefined {
  const sentence = tokens[index]?.sentence;
  for (let position = Math.max(0, index - 8); position < Math.min(tokens.length, index + 8); position++) {
    if (position === index || tokens[position]!.sentence !== sentence) continue;
    const stated = relativeYear(tokens, position, now);
    if (stated && stated.year !== now.getUTCFullYear()) return stated.year;
  }
  return undefined;
}

function readQuarter(tokens: readonly Token[], index: number, now: Date): Reading | undefined {
  const { part, next } = readPart(tokens, index);
  const current = quarterOf(now);
  const year = now.getUTCFullYear();
  const first = word(tokens, next);
  const second = word(tokens, next + 1);
  let quarter: number | undefined;
  let position = next;
  let relative = false;
  if (first in quarterWords) {
    quarter = quarterWords[first];
    position = next + 1;
  } else if (first in ordinals && second === "quarter") {
    quarter = ordinals[first];
    position = next + 2;
  } else if (first === "last" && second === "quarter" && word(tokens, next + 2) === "of") {
    quarter = 4;
    position = next + 2;
  } else if ((first === "this" || first === "the" || first === "current") && second === "quarter") {
    quarter = current;
    position = next + 2;
    relative = true;
  } else if ((first === "next" || first === "following") && second === "quarter") {
    quarter = current + 1;
    position = next + 2;
    relative = true;
  } else if (first === "eoq" || first === "quarter-end" || (first === "quarter" && second === "end")) {
    return { end: next + (first === "quarter" ? 2 : 1), target: endOfQuarter(year, current) };
  }
  if (quarter === undefined) return undefined;
  if (relative) {
    const yearOffset = Math.floor((quarter - 1) / 4);
    return { end: position, target: windowOfQuarter(year + yearOffset, ((quarter - 1) % 4) + 1, part) };
  }
  // "Q2 2027", "Q3 of next year", "Q1 '27" (the last is left to the nearest Q1)
  let explicitYear: number | undefined;
  let after = position;
  if (word(tokens, after) === "of") after++;
  const stated = relativeYear(tokens, after, now);
  if (stated) {
    explicitYear = stated.year;
    position = stated.next;
  }
  explicitYear ??= yearNearby(tokens, index, now);
  let resolvedYear = explicitYear ?? year;
  if (explicitYear === undefined && endOfQuarter(resolvedYear, quarter) < startOfDay(now)) resolvedYear++;
  return { end: position, target: windowOfQuarter(resolvedYear, quarter, part) };
}

function readHalf(tokens: readonly Token[], index: number, now: Date): Reading | undefined {
  const first = word(tokens, index);
  let half: number | undefined;
  let position = index;
  if (first === "h1" || first === "h2") {
    half = first === "h1" ? 1 : 2;
    position = index + 1;
  } else if ((first === "first" || first === "second") && word(tokens, index + 1) === "half") {
    half = first === "first" ? 1 : 2;
    position = index + 2;
    if (word(tokens, position) === "of") position++;
  } else return undefined;
  const stated = relativeYear(tokens, position, now);
  const nearby = stated ? undefined : yearNearby(tokens, index, now);
  let year = stated?.year ?? nearby ?? now.getUTCFullYear();
  if (stated) position = stated.next;
  const target = () => endOfMonth(year, half === 1 ? 5 : 11);
  if (!stated && nearby === undefined && target() < startOfDay(now)) year++;
  return { end: position, target: target() };
}

function readMonth(tokens: readonly Token[], index: number, now: Date): Reading | undefined {
  const { part, next } = readPart(tokens, index);
  let position = next;
  let relative: "this" | "next" | undefined;
  if (word(tokens, position) === "next" || word(tokens, position) === "this") {
    relative = word(tokens, position) as "this" | "next";
    position++;
  }
  const token = tokens[position];
  if (!token) return undefined;
  let name = word(tokens, position);
  let mid = false;
  if (name.startsWith("mid-")) {
    name = name.slice(4);
    mid = true;
  }
  if (name === "month" && relative) {
    const offset = relative === "next" ? 1 : 0;
    return {
      end: position + 1,
      target: windowOfMonth(now.getUTCFullYear(), now.getUTCMonth() + offset, part),
    };
  }
  if ((name === "month" && part === "end") || name === "eom" || name === "month-end") {
    return { end: position + 1, target: endOfMonth(now.getUTCFullYear(), now.getUTCMonth()) };
  }
  const month = months[name];
  if (month === undefined) return undefined;
  // "15 January", "the 3rd of March": a calendar date, which chrono-node reads.
  const dayBefore = tokens[position - 1];
  const dayTwoBefore = tokens[position - 2];
  if (dayBefore?.kind === "number" && Number(dayBefore.text) <= 31) return undefined;
  if (dayBefore?.normal === "of" && dayTwoBefore && /^\d{1,2}(st|nd|rd|th)?$/i.test(dayTwoBefore.text))
    return undefined;
  if (ambiguousMonths.has(name) && !mid && part === "whole" && !relative) {
    const capitalised = /^[A-Z]/.test(token.text);
    const before = word(tokens, position - 1);
    if (!capitalised && !monthPrepositions.has(before)) return undefined;
    if (name === "may" && ["PRON", "AUX", "VERB", "PART"].includes(tokens[position + 1]?.pos ?? ""))
      return undefined;
    if (name === "may" && !monthPrepositions.has(before)) return undefined;
  }
  // "March 3rd" / "March 3": a calendar date, which chrono-node reads.
  const following = tokens[position + 1];
  if (following?.kind === "number" && !/^20\d\d$/.test(following.text)) return undefined;
  if (following && /^\d{1,2}(st|nd|rd|th)$/i.test(following.text)) return undefined;
  position++;
  const stated = relativeYear(tokens, position, now);
  let year = stated?.year ?? now.getUTCFullYear();
  if (stated) position = stated.next;
  const effectivePart: Part = mid ? "mid" : part;
  if (!stated && (month < now.getUTCMonth() || relative === "next")) year++;
  return { end: position, target: windowOfMonth(year, month, effectivePart) };
}

function readSeason(tokens: readonly Token[], index: number, now: Date): Reading | undefined {
  const { part, next } = readPart(tokens, index);
  let position = next;
  let relative: "this" | "next" | undefined;
  if (word(tokens, position) === "next" || word(tokens, position) === "this") {
    relative = word(tokens, position) as "this" | "next";
    position++;
  }
  const season = seasons[word(tokens, position)];
  if (!season) return undefined;
  position++;
  const stated = relativeYear(tokens, position, now);
  let year = stated?.year ?? now.getUTCFullYear();
  if (stated) position = stated.next;
  // Northern-hemisphere seasons end with May, August, November and February.
  let target = endOfMonth(year, season.month);
  if (!stated && (target < startOfDay(now) || relative === "next")) {
    year++;
    target = endOfMonth(year, season.month);
  }
  if (part === "early" || part === "start") target = endOfMonth(year, season.month - 2);
  else if (part === "mid") target = endOfMonth(year, season.month - 1);
  return { end: position, target };
}

/**
 * "after the holidays", "after Christmas": an open window that in practice means the month after
 * (the end of January), not the holiday itself.
 */
function readHoliday(tokens: readonly Token[], index: number, now: Date): Reading | undefined {
  const reading = readHolidayDate(tokens, index, now);
  if (!reading || word(tokens, index - 1) !== "after") return reading;
  const target = endOfMonth(reading.target.getUTCFullYear(), reading.target.getUTCMonth() + 1);
  return { end: reading.end, target, granularity: 2 };
}

function readHolidayDate(tokens: readonly Token[], index: number, now: Date): Reading | undefined {
  // Words of the next few tokens, "'s" glued back on ("new year's", "valentine's day").
  const words: string[] = [];
  const ends: number[] = [];
  const first = word(tokens, index) === "the" ? index + 1 : index;
  for (let position = first; position < tokens.length && words.length < 4; position++) {
    const current = word(tokens, position);
    if ((current === "'s" || current === "’s") && words.length > 0) words[words.length - 1] += "'s";
    else words.push(current);
    ends[words.length - 1] = position + 1;
  }
  if (first > index && words[0] === "holidays")
    return { end: first + 1, target: endOfYear(now.getUTCFullYear()) };
  if (first > index && words[0] === "new" && words[1] === "year")
    return { end: first + 2, target: utcDay(now.getUTCFullYear() + 1, 0, 31), granularity: 2 };
  const holiday = nextHoliday(words, now);
  if (!holiday) return undefined;
  // "Black Friday next year", "Christmas 2027"
  const end = ends[holiday.length - 1]!;
  const stated = relativeYear(tokens, end, now);
  if (stated && stated.year !== holiday.date.getUTCFullYear()) {
    const inYear = nextHoliday(words, utcDay(stated.year, 0, 1));
    if (inYear) return { end: stated.next, target: inYear.date, granularity: 0 };
  }
  return { end, target: holiday.date, granularity: 0 };
}

function readWeek(tokens: readonly Token[], index: number, now: Date): Reading | undefined {
  const { part, next } = readPart(tokens, index);
  const first = word(tokens, next);
  const second = word(tokens, next + 1);
  if (second !== "week") return undefined;
  if (first === "this" || (first === "the" && part === "end"))
    return { end: next + 2, target: endOfWeek(now) };
  if (first === "next" || first === "following") return { end: next + 2, target: endOfWeek(addDays(now, 7)) };
  return undefined;
}

/** "in 3 months", "within the next few weeks", "over the next 90 days", "6-12 months out", "a month or two". */
function readDuration(
  tokens: readonly Token[],
  analysis: Analysis,
  index: number,
  now: Date,
): Reading | undefined {
  let position = index;
  let led = false;
  while (durationLeads.has(word(tokens, position)) && position < index + 5) {
    if (
      ["in", "within", "over", "during", "inside", "under", "next", "coming", "following"].includes(
        word(tokens, position),
      )
    )
      led = true;
    position++;
  }
  let count: number | undefined;
  const quantity = readNumberAt(analysis, position);
  if (quantity && !quantity.scaled) {
    count = quantity.value;
    position = quantity.end;
  } else if (word(tokens, position) in vagueCounts) {
    const vague = word(tokens, position);
    if (
      (vague === "a" || vague === "an") &&
      word(tokens, position + 1) in vagueCounts &&
      word(tokens, position + 1) !== "one"
    ) {
      position++;
    }
    count = vagueCounts[word(tokens, position)];
    position++;
    if (word(tokens, position) === "of") position++;
  } else if (
    word(tokens, position) in unitDays &&
    ["next", "coming"].includes(word(tokens, position - 1)) &&
    word(tokens, position - 2) === "the"
  ) {
    // "within the next month" counts a month from now; a bare "next month" is the calendar month (readMonth).
    count = 1;
  }
  const unit = unitDays[word(tokens, position)];
  if (count === undefined || unit === undefined) return undefined;
  position++;
  // "a month or two", "a year or so"
  if (word(tokens, position) === "or" && ["two", "three", "2", "3"].includes(word(tokens, position + 1))) {
    count = Number(word(tokens, position + 1)) || (word(tokens, position + 1) === "two" ? 2 : 3);
    position += 2;
  } else if (word(tokens, position) === "or" && word(tokens, position + 1) === "so") position += 2;
  const trailing = word(tokens, position);
  if (trailing === "ago") return undefined;
  let anchored = led;
  if (trailing === "from" && word(tokens, position + 1) === "now") {
    position += 2;
    anchored = true;
  } else if (trailing === "out" || trailing === "away" || (trailing === "time" && led)) {
    position++;
    anchored = true;
  }
  if (!anchored) return undefined;
  return { end: position, target: addDays(now, Math.round(count * unit)) };
}

/** Window width by reader: a day 0, a week 1, a month 2, a quarter or season 3, a year 4. */
function granularityOf(reader: (typeof grammarReaders)[number]): number {
  if (reader === readHoliday) return 0;
  if (reader === readWeek) return 1;
  if (reader === readMonth) return 2;
  if (reader === readYear) return 4;
  return 3;
}

const grammarReaders = [
  readDuration,
  readQuarter,
  readHalf,
  readSeason,
  readHoliday,
  readWeek,
  readMonth,
  readYear,
];

/** Words a grammar expression can start with (plus any number); other tokens are skipped at once. */
const expressionStarts = new Set([
  ...durationLeads,
  ...Object.keys(vagueCounts),
  ...Object.keys(months),
  ...Object.keys(quarterWords),
  ...Object.keys(ordinals),
  ...Object.keys(seasons),
  ...Object.keys(unitDays),
  "early",
  "mid",
  "middle",
  "late",
  "end",
  "beginning",
  "start",
  "this",
  "current",
  "last",
  "eoq",
  "eoy",
  "eom",
  "quarter-end",
  "year-end",
  "month-end",
  "end-of-year",
  "h1",
  "h2",
  "christmas",
  "xmas",
  "new",
  "thanksgiving",
  "black",
  "cyber",
  "labor",
  "labour",
  "memorial",
  "independence",
  "july",
  "4th",
  "fourth",
  "canada",
  "halloween",
  "valentine's",
  "valentines",
  "easter",
  "tax",
  "boxing",
  "fy",
]);

function mayStartExpression(token: Token): boolean {
  return (
    token.kind === "number" ||
    expressionStarts.has(token.normal.replace(/\.$/, "")) ||
    token.normal.startsWith("mid-")
  );
}

const windowMonths = new Map<unknown, number>([
  [readMonth, 1],
  [readQuarter, 3],
  [readHalf, 6],
]);

/**
 * "before Q2", "before March": the deadline is the day before the window opens (31 March, 28
 * February), not the window's end. Only for whole windows — "before the end of Q2" is 30 June.
 */
function beforeWholeWindow(
  tokens: readonly Token[],
  index: number,
  reader: (typeof grammarReaders)[number],
  target: Date,
): Date {
  const months = windowMonths.get(reader);
  if (months === undefined || word(tokens, index - 1) !== "before") return target;
  if (readPart(tokens, index).part !== "whole") return target;
  const firstMonth = target.getUTCMonth() - (months - 1);
  // Day 0 of a month is the last day of the month before it.
  return utcDay(target.getUTCFullYear(), firstMonth, 0);
}

function grammarExpressions(analysis: Analysis, now: Date, taken: boolean[]): TimeExpression[] {
  const tokens = analysis.tokens;
  const found: TimeExpression[] = [];
  for (let index = 0; index < tokens.length; index++) {
    if (taken[index] || !mayStartExpression(tokens[index]!)) continue;
    for (const reader of grammarReaders) {
      const reading =
        reader === readDuration
          ? readDuration(tokens, analysis, index, now)
          : (reader as typeof readYear)(tokens, index, now);
      if (reading && reading.end > index && !taken.slice(index, reading.end).some(Boolean)) {
        found.push({
          kind: "date",
          start: index,
          end: reading.end,
          target: beforeWholeWindow(tokens, index, reader, reading.target),
          via: "grammar",
          granularity: reading.granularity ?? granularityOf(reader),
        });
        for (let position = index; position < reading.end; position++) taken[position] = true;
        index = reading.end - 1;
        break;
      }
    }
  }
  return found;
}

const durationOnly = /^(a|an|one|\d+)\s+(second|minute|hour|day|week|month|year)s?$/i;
/** What a written date always has: a month or weekday name, a relative day, an ordinal or a numeric date. */
const calendarWord =
  /(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tomorrow|tonight|week|month|year|\d{1,4}\s*[/.-]\s*\d{1,2}|\d(st|nd|rd|th)\b)/i;
const moneyLike = /^\d+([.,]\d+)?\s*(m|k|mm|bn)$/i;
const weekdayAbbreviations = /^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)$/;

function chronoExpressions(analysis: Analysis, now: Date, taken: boolean[]): TimeExpression[] {
  const found: TimeExpression[] = [];
  const results = chrono.parse(analysis.text, { instant: now, timezone: "UTC" }, { forwardDate: true });
  for (const result of results) {
    const text = result.text.trim();
    const known = new Set(
      Object.keys((result.start as unknown as { knownValues: object }).knownValues ?? {}),
    );
    if (durationOnly.test(text) || /\bnow\b|\bsecond\b/i.test(text) || weekdayAbbreviations.test(text))
      continue;
    // "escalated within 5 minutes", "reply in 2 hours": response times, not a purchase date.
    if (/\b(seconds?|secs?|minutes?|mins?|hours?|hrs?)\b/i.test(text)) continue;
    if (!known.has("month") && !known.has("day") && !known.has("weekday")) continue;
    // "the W-9", "form I-94": chrono reads a letter and a number as a weekday and a day.
    if (!calendarWord.test(text)) continue;
    const from = result.index;
    const to = result.index + result.text.length;
    // "$4M", "€2.5 m": chrono reads an amount of money as a time of day.
    if (/[$€£¥₹]\s*$/.test(analysis.text.slice(Math.max(0, from - 3), from)) || moneyLike.test(text))
      continue;
    const covered = analysis.tokens.filter((token) => token.start >= from && token.end <= to);
    if (covered.length === 0 || covered.some((token) => taken[token.index])) continue;
    const date = result.start.date();
    let target = startOfDay(date);
    // A month without a day ("by June") means the whole month.
    if (known.has("month") && !known.has("day"))
      target = endOfMonth(target.getUTCFullYear(), target.getUTCMonth());
    const start = covered[0]!.index;
    const end = covered[covered.length - 1]!.index + 1;
    for (let position = start; position < end; position++) taken[position] = true;
    const granularity = known.has("day") || known.has("weekday") ? 0 : 2;
    found.push({ kind: "date", start, end, target, via: "chrono", granularity });
  }
  return found;
}

/** Every time expression in the message, left to right; earlier readers claim their tokens first. */
export function findTimeExpressions(analysis: Analysis, now: Date): TimeExpression[] {
  const taken = new Array<boolean>(analysis.tokens.length).fill(false);
  const claim = (kind: "asap" | "none", patterns: typeof asapPatterns): TimeExpression[] =>
    findAny(analysis, patterns)
      .filter((match) => !taken.slice(match.start, match.end).some(Boolean))
      .map((match) => {
        for (let position = match.start; position < match.end; position++) taken[position] = true;
        return { kind, start: match.start, end: match.end };
      });
  // "nothing set aside for tools" is money, not "nothing set" for a date.
  const none = claim("none", nonePatterns).filter(
    (expression) =>
      analysis.tokens[expression.end - 1]?.normal !== "set" ||
      !["aside", "apart"].includes(analysis.tokens[expression.end]?.normal ?? ""),
  );
  const asap = claim("asap", asapPatterns);
  const near: TimeExpression[] = findAny(analysis, nearPatterns)
    .filter((match) => !taken.slice(match.start, match.end).some(Boolean))
    .map((match) => {
      for (let position = match.start; position < match.end; position++) taken[position] = true;
      const tomorrow = analysis.tokens[match.start]!.normal === "tomorrow";
      return {
        kind: "date",
        start: match.start,
        end: match.end,
        target: addDays(now, tomorrow ? 1 : 0),
        via: "grammar",
        granularity: 0,
      };
    });
  const found = [
    ...none,
    ...asap,
    ...near,
    ...grammarExpressions(analysis, now, taken),
    ...chronoExpressions(analysis, now, taken),
  ];
  return found.sort((a, b) => a.start - b.start);
}

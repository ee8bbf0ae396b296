import type { BudgetPeriod } from "../../core/qualification.js";
import type { Analysis, Token } from "./analysis.js";
import { type NumberMention, readNumberAt } from "./numbers.js";

// Amounts of money: a quantity (numbers.ts) plus a currency marker, a money-only multiplier
// ("grand"), or — inside a sentence already about budget — nothing but the quantity itself.
// Currency is only ever what was written: "$" and "dollars" read as USD, never a guess.

export interface MoneyMention {
  /** Token range [start, end): currency, quantity and period words included. */
  start: number;
  end: number;
  amount: number;
  low?: number;
  currency?: string;
  period?: BudgetPeriod;
  /** Hedged ("about", "~", "or so", "up to") or a range: a ballpark, not a fixed figure. */
  approximate: boolean;
  /** Certainly money (currency or "grand"), not just a number in a budget sentence. */
  marked: boolean;
}

const symbolCurrencies: Record<string, string> = {
  $: "USD",
  us$: "USD",
  usd: "USD",
  "€": "EUR",
  eur: "EUR",
  "£": "GBP",
  gbp: "GBP",
  "¥": "JPY",
  jpy: "JPY",
  "₹": "INR",
  inr: "INR",
  "rs.": "INR",
  rs: "INR",
  a$: "AUD",
  au$: "AUD",
  aud: "AUD",
  c$: "CAD",
  ca$: "CAD",
  cad: "CAD",
  chf: "CHF",
  sek: "SEK",
  nok: "NOK",
  dkk: "DKK",
  nzd: "NZD",
  nz$: "NZD",
  sgd: "SGD",
  s$: "SGD",
  zar: "ZAR",
  brl: "BRL",
  r$: "BRL",
  mxn: "MXN",
  hkd: "HKD",
  hk$: "HKD",
  pln: "PLN",
  cny: "CNY",
  rmb: "CNY",
};
const currencyWords: Record<string, string> = {
  dollar: "USD",
  dollars: "USD",
  bucks: "USD",
  usd: "USD",
  euro: "EUR",
  euros: "EUR",
  eur: "EUR",
  pound: "GBP",
  pounds: "GBP",
  quid: "GBP",
  sterling: "GBP",
  gbp: "GBP",
  yen: "JPY",
  rupee: "INR",
  rupees: "INR",
  franc: "CHF",
  francs: "CHF",
  chf: "CHF",
  cad: "CAD",
  aud: "AUD",
  sek: "SEK",
  nok: "NOK",
  dkk: "DKK",
  sgd: "SGD",
  nzd: "NZD",
};
const dollarQualifiers: Record<string, string> = {
  canadian: "CAD",
  australian: "AUD",
  aussie: "AUD",
  singapore: "SGD",
  "new zealand": "NZD",
  hong: "HKD",
  us: "USD",
  american: "USD",
};
const hedgesBefore = new Set([
  "about",
  "around",
  "roughly",
  "approximately",
  "approx",
  "approx.",
  "~",
  "maybe",
  "probably",
  "perhaps",
  "possibly",
  "like",
  "ballpark",
  "under",
  "below",
  "less",
  "max",
  "maximum",
  "north",
  "over",
  "more",
  "least",
  "upwards",
  "close",
  "nearly",
  "almost",
  "circa",
  "ca.",
  "somewhere",
  "region",
  "up",
  "estimate",
  "estimated",
  "guess",
  "thinking",
  "think",
  "unos",
  "unas",
  "ungefähr",
  "etwa",
  "environ",
  "aproximadamente",
]);
const hedgesAfter = new Set([
  "ish",
  "-ish",
  "tops",
  "max",
  "maximum",
  "give",
  "or",
  "+",
  "plus",
  "roughly",
  "approximately",
]);
/** Nouns that may follow an amount without making it a count of something else. */
const moneyNouns = new Set([
  "budget",
  "total",
  "max",
  "maximum",
  "tops",
  "ceiling",
  "cap",
  "limit",
  "range",
  "ballpark",
  "spend",
  "investment",
  "upfront",
  "annually",
  "yearly",
  "monthly",
  "annual",
  "year",
  "month",
  "pa",
  "pm",
  "k",
  "per",
  "range",
  "mark",
  "ish",
  "tops",
]);
const periodUnits: Record<string, BudgetPeriod | "quarter"> = {
  month: "month",
  months: "month",
  mo: "month",
  mth: "month",
  mon: "month",
  year: "year",
  years: "year",
  yr: "year",
  yrs: "year",
  annum: "year",
  jahr: "year",
  año: "year",
  ano: "year",
  an: "year",
  monat: "month",
  mes: "month",
  mês: "month",
  mois: "month",
  quarter: "quarter",
  qtr: "quarter",
};
const periodAdverbs: Record<string, BudgetPeriod | "quarter"> = {
  monthly: "month",
  pm: "month",
  pcm: "month",
  "p/m": "month",
  annually: "year",
  yearly: "year",
  annual: "year",
  pa: "year",
  "p.a.": "year",
  "p.a": "year",
  jährlich: "year",
  monatlich: "month",
  mensuel: "month",
  mensuales: "month",
  anual: "year",
  annuel: "year",
  quarterly: "quarter",
  "one-time": "one_time",
  "one-off": "one_time",
  once: "one_time",
  upfront: "one_time",
  "up-front": "one_time",
  "one-shot": "one_time",
};
const unitDescribers = new Set([
  "first",
  "next",
  "whole",
  "entire",
  "full",
  "fiscal",
  "financial",
  "calendar",
  "current",
  "coming",
]);
const _periodFillers = new Set([
  "per",
  "a",
  "an",
  "each",
  "every",
  "/",
  "seat",
  "user",
  "license",
  "licence",
  "head",
  "rep",
  "agent",
  "person",
  "in",
  "total",
  "for",
  "the",
  "team",
  "whole",
]);

function currencyBefore(
  tokens: readonly Token[],
  index: number,
): { currency: string; start: number } | undefined {
  const previous = tokens[index - 1];
  if (!previous) return undefined;
  const symbol = symbolCurrencies[previous.normal];
  if (symbol) {
    // wink splits "CA$" into "C" + "A$".
    if (previous.normal === "a$" && tokens[index - 2]?.normal === "c" && !previous.spaced)
      return { currency: "CAD", start: index - 2 };
    // "S$90,000", "NZ$500": a letter prefix glued to "$" names the dollar.
    const prefix = tokens[index - 2];
    if (previous.normal === "$" && prefix && !previous.spaced && prefix.kind === "word") {
      const glued = symbolCurrencies[`${prefix.normal}$`];
      if (glued) return { currency: glued, start: index - 2 };
    }
    return { currency: symbol, start: index - 1 };
  }
  return undefined;
}

function currencyAfter(
  tokens: readonly Token[],
  index: number,
  to: number,
): { currency: string; end: number } | undefined {
  const next = tokens[index];
  if (!next || index >= to) return undefined;
  if (next.kind === "currency" || next.normal in symbolCurrencies) {
    const symbol = symbolCurrencies[next.normal];
    if (symbol && (next.kind === "currency" || next.normal.length === 3))
      return { currency: symbol, end: index + 1 };
  }
  const qualifier = dollarQualifiers[next.normal];
  if (qualifier && ["dollar", "dollars"].includes(tokens[index + 1]?.normal ?? ""))
    return { currency: qualifier, end: index + 2 };
  const word = currencyWords[next.normal];
  if (word) return { currency: word, end: index + 1 };
  return undefined;
}

function unitOf(token: Token): string {
  return token.normal.replace(/-ish$/, "").replace(/\.$/, "");
}

/** The period stated after an amount, within its clause ("$60k approved for this year", "$20/site/month"). */
function periodAfter(
  tokens: readonly Token[],
  index: number,
  to: number,
): { period: BudgetPeriod | "quarter"; end: number } | undefined {
  for (let position = index; position < Math.min(to, index + 7); position++) {
    const token = tokens[position]!;
    // "40k, one-off", "3,000, annually": a period word may follow the amount after a comma.
    if (token.normal === "," && position === index) {
      const next = tokens[position + 1];
      // ("…, once approved" is a condition, not a one-time payment.)
      const adverb =
        next && position + 1 < to && next.normal !== "once" ? periodAdverbs[unitOf(next)] : undefined;
      if (adverb) return { period: adverb, end: position + 2 };
    }
    if (token.kind === "number" || [",", ";", ".", "!", "?", "(", ")", "but", "and"].includes(token.normal))
      return undefined;
    const word = unitOf(token);
    const adverb = periodAdverbs[word];
    if (adverb) return { period: adverb, end: position + 1 };
    if (word === "one" && ["time", "off"].includes(tokens[position + 1]?.normal ?? ""))
      return { period: "one_time", end: position + 2 };
    const unit = periodUnits[word];
    // "for the first year", "for this fiscal year": a describing word may stand before the unit.
    const describing = unitDescribers.has(tokens[position - 1]?.normal ?? "");
    const previous = tokens[position - (describing ? 2 : 1)]?.normal ?? "";
    const introducers =
      word === "an"
        ? ["par"]
        : ["per", "a", "an", "each", "every", "/", "this", "the", "pro", "por", "par", "al", "im"];
    if (unit && position > index && introducers.includes(previous))
      return { period: unit, end: position + 1 };
  }
  return undefined;
}

function periodBefore(
  tokens: readonly Token[],
  index: number,
  from: number,
): BudgetPeriod | "quarter" | undefined {
  for (let position = index - 1; position >= Math.max(from, index - 6); position--) {
    const word = unitOf(tokens[position]!);
    const adverb = periodAdverbs[word];
    // "once we have …" is a time, not a one-time payment.
    if (adverb && word !== "once") return adverb;
    if (tokens[position]!.kind === "punctuation" && tokens[position]!.normal !== "$") return undefined;
  }
  return undefined;
}

/** "Our annual budget for this line item is USD 1.2m": the budget noun carries the period. */
function periodOfSentence(
  tokens: readonly Token[],
  from: number,
  to: number,
): BudgetPeriod | "quarter" | undefined {
  for (let position = from; position < to - 1; position++) {
    const adverb = periodAdverbs[unitOf(tokens[position]!)];
    const next = tokens[position + 1]!.normal;
    if (
      adverb &&
      adverb !== "one_time" &&
      ["budget", "spend", "spending", "allocation", "cap"].includes(next)
    )
      return adverb;
    if (adverb === "one_time" && ["budget", "payment", "fee", "cost", "investment", "project"].includes(next))
      return adverb;
  }
  return undefined;
}

function hedged(tokens: readonly Token[], start: number, end: number, from: number, to: number): boolean {
  for (let position = Math.max(from, start - 3); position < start; position++) {
    if (hedgesBefore.has(tokens[position]!.normal)) return true;
  }
  const next = tokens[end];
  if (next && end < to && hedgesAfter.has(next.normal)) {
    if (next.normal !== "or" && next.normal !== "give") return true;
    return tokens[end + 1]?.normal === "so" || tokens[end + 1]?.normal === "take";
  }
  return false;
}

function looksLikeYear(mention: NumberMention, tokens: readonly Token[]): boolean {
  const text = tokens[mention.start]!.text;
  return !mention.scaled && /^(19|20)\d\d$/.test(text);
}

const timeNouns = new Set([
  "day",
  "days",
  "week",
  "weeks",
  "month",
  "months",
  "year",
  "years",
  "quarter",
  "quarters",
  "time",
  "today",
  "yesterday",
  "tomorrow",
]);

/** The next noun names what was counted ("50k leads", "80M verified contacts"): not money. */
function countsSomethingElse(tokens: readonly Token[], end: number, to: number): boolean {
  let position = end;
  while (position < to - 1 && position < end + 2 && ["ADJ", "VERB"].includes(tokens[position]!.pos))
    position++;
  const next = tokens[position];
  if (!next || position >= to) return false;
  if (next.normal === "%" || next.normal === "percent" || next.normal === "x") return true;
  // "80k last week", "50k this year": a time, not what was counted.
  if (timeNouns.has(next.normal)) return false;
  // "half a million set aside": wink tags "set" a noun, but "set aside" is what is done with money.
  if (["set", "put"].includes(next.normal) && tokens[position + 1]?.normal === "aside") return false;
  // "30k p.a.", "2k pcm": a period written as an abbreviation, not a counted noun.
  if (unitOf(next) in periodAdverbs || next.normal in periodAdverbs) return false;
  return (
    (next.pos === "NOUN" || next.pos === "PROPN" || next.pos === "NUM") &&
    !moneyNouns.has(next.normal) &&
    !(next.normal in currencyWords)
  );
}

export interface MoneyOptions {
  /** The sentence is about budget: a bare figure ("about 20k") counts as money. */
  assumeMoney: boolean;
}

export function findMoney(
  analysis: Analysis,
  from: number,
  to: number,
  options: MoneyOptions,
): MoneyMention[] {
  const tokens = analysis.tokens;
  const found: MoneyMention[] = [];
  for (let index = from; index < to; index++) {
    const token = tokens[index]!;
    if (token.kind !== "number" && token.kind !== "word") continue;
    const quantity = readNumberAt(analysis, index, to);
    if (!quantity) continue;
    index = quantity.end - 1;

    const before = currencyBefore(tokens, quantity.start);
    const after = before ? undefined : currencyAfter(tokens, quantity.end, to);
    const currency = before?.currency ?? after?.currency;
    const marked = currency !== undefined || quantity.grand;
    if (!marked) {
      if (!options.assumeMoney || looksLikeYear(quantity, tokens)) continue;
      if (!quantity.scaled && quantity.value < 50) continue;
      if (countsSomethingElse(tokens, quantity.end, to)) continue;
    }
    const start = before?.start ?? quantity.start;
    let end = after?.end ?? quantity.end;
    const periodFollowing = periodAfter(tokens, end, to);
    let period =
      periodFollowing?.period ?? periodBefore(tokens, start, from) ?? periodOfSentence(tokens, from, to);
    if (periodFollowing) end = periodFollowing.end;
    let amount = quantity.value;
    let low = quantity.low;
    // The schema has no quarterly period: four quarters make the yearly figure.
    if (period === "quarter") {
      amount *= 4;
      low = low === undefined ? undefined : low * 4;
      period = "year";
    }
    found.push({
      start,
      end,
      amount,
      ...(low === undefined ? {} : { low }),
      ...(currency ? { currency } : {}),
      ...(period ? { period } : {}),
      approximate: low !== undefined || quantity.roughSuffix || hedged(tokens, start, quantity.end, from, to),
      marked,
    });
    index = Math.max(index, end - 1);
  }
  return found;
}

import type { Analysis, Token } from "./analysis.js";

// Quantities as people type them: "45k", "2,000", "1.2m", "100.000" (European grouping), "30 grand",
// "two hundred and fifty", "a quarter million", "half a million", "one and a half million",
// "50-60k", "between 40 and 50k". wink tokenises and tags numbers; this file turns token runs into
// values. Vague words ("a few thousand", "dozens") are deliberately not numbers.

export interface NumberMention {
  /** Token range [start, end). */
  start: number;
  end: number;
  /** The value, or the upper bound of a range (the end of the stated window, as for dates). */
  value: number;
  /** Lower bound when a range was stated. */
  low?: number;
  /** Had a multiplier word or suffix (k, m, thousand, grand, million…). */
  scaled: boolean;
  /** The multiplier was "grand", which only ever means money. */
  grand: boolean;
  /** Written in words ("thirty"). */
  spelled: boolean;
  /** Followed by "+" / "plus" / "-ish": a floor or a rough figure. */
  roughSuffix: boolean;
}

const units: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const tens: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const scaleWords: Record<string, number> = {
  thousand: 1e3,
  thousands: 1e3,
  grand: 1e3,
  k: 1e3,
  m: 1e6,
  mm: 1e6,
  mil: 1e6,
  mill: 1e6,
  million: 1e6,
  millions: 1e6,
  mio: 1e6,
  mn: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  lakh: 1e5,
  lakhs: 1e5,
  crore: 1e7,
  crores: 1e7,
};
// Suffix-only multipliers: "5 m" reads as five million only when glued or in money; "k" is safe.
const wordOnlyScales = new Set([
  "thousand",
  "thousands",
  "million",
  "millions",
  "billion",
  "grand",
  "lakh",
  "lakhs",
  "crore",
  "crores",
]);
const spacedAbbreviations = new Set(["k", "mil", "mill", "mio", "mn", "bn"]);
const fractions: Record<string, number> = { half: 0.5, quarter: 0.25, quarters: 0.25 };
const rangeJoiners = new Set(["-", "–", "—", "to", "or", "~"]);
const currencyLike = new Set(["$", "€", "£", "¥", "₹"]);

/** "45,000.00" → 45000, "100.000" → 100000 (European grouping), "1.5" → 1.5, "1,5" → 1.5. */
export function numericValue(text: string): number | undefined {
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ""));
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) return Number(text.replace(/\./g, "").replace(",", "."));
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^\d+,\d{1,2}$/.test(text)) return Number(text.replace(",", "."));
  return undefined;
}

function spelledUnit(word: string): number | undefined {
  if (word in units) return units[word];
  if (word in tens) return tens[word];
  const [ten, unit] = word.split("-");
  if (ten && unit && ten in tens && unit in units && units[unit]! < 10) return tens[ten]! + units[unit]!;
  return undefined;
}

interface Reading {
  value: number;
  end: number;
  scaled: boolean;
  grand: boolean;
  spelled: boolean;
}

function scaleAt(
  tokens: readonly Token[],
  index: number,
  to: number,
): { scale: number; word: string } | undefined {
  const token = tokens[index];
  if (!token || index >= to) return undefined;
  // "1.2m." at the end of a sentence comes out of the tokeniser as an abbreviation, "m."; "20 grand-ish" is still grand.
  const word = token.normal.replace(/\.$/, "").replace(/-ish$/, "");
  const scale = scaleWords[word];
  if (scale === undefined) return undefined;
  // A bare letter multiplier must touch the number ("45k", "1.2m"); "k" and the spelled-out
  // abbreviations ("45 k", "1.5 mil", "2 mio") mean nothing else when spaced.
  if (!wordOnlyScales.has(word) && token.spaced && !spacedAbbreviations.has(word)) return undefined;
  return { scale, word };
}

const currencyWords =
  /^(€|\$|£|₹|eur|euros?|usd|dollars?|gbp|pounds?|chf|francs?|pesos?|sek|nok|dkk|kr|kronor|kroner|cad|aud|nzd|brl|reais|inr|rupees?|pln|zł|zloty|czk|sgd|hkd|zar|rand|mxn)$/i;

/** A spaced "000" group continues the number only beside a currency ("20 000 €", "€1 200 000"). */
function isSpacedGroup(tokens: readonly Token[], index: number, currencyBefore: boolean): boolean {
  const token = tokens[index];
  if (token?.kind !== "number" || !/^\d{3}$/.test(token.text) || !token.spaced) return false;
  let after = index + 1;
  while (tokens[after]?.kind === "number" && /^\d{3}$/.test(tokens[after]!.text)) after++;
  const next = tokens[after];
  return currencyBefore || (next !== undefined && currencyWords.test(next.text));
}

function readDigits(tokens: readonly Token[], index: number, to: number): Reading | undefined {
  const token = tokens[index]!;
  if (token.kind !== "number") return undefined;
  const value = numericValue(token.text);
  if (value === undefined) return undefined;
  let end = index + 1;
  let total = value;
  // "25 000 euros", "€ 1 200 000": French-style groups of three separated by spaces.
  if (/^\d{1,3}$/.test(token.text)) {
    const currencyBefore = currencyWords.test(tokens[index - 1]?.text ?? "");
    while (end < to && isSpacedGroup(tokens, end, currencyBefore)) {
      total = total * 1000 + Number(tokens[end]!.text);
      end++;
    }
    // "CHF 35'000": Swiss grouping with an apostrophe.
    while (
      end + 1 < to &&
      ["'", "’"].includes(tokens[end]!.text) &&
      !tokens[end]!.spaced &&
      /^\d{3}$/.test(tokens[end + 1]!.text) &&
      !tokens[end + 1]!.spaced
    ) {
      total = total * 1000 + Number(tokens[end + 1]!.text);
      end += 2;
    }
  }
  let scaled = false;
  let grand = false;
  // "1 and a half million"
  if (
    tokens[end]?.normal === "and" &&
    tokens[end + 1]?.normal === "a" &&
    tokens[end + 2]?.normal === "half"
  ) {
    const after = scaleAt(tokens, end + 3, to);
    if (after && wordOnlyScales.has(after.word)) {
      total += 0.5;
      end += 3;
    }
  }
  const scale = scaleAt(tokens, end, to);
  if (scale) {
    total *= scale.scale;
    scaled = true;
    grand = scale.word === "grand";
    end++;
  }
  return { value: total, end, scaled, grand, spelled: false };
}

function readWords(tokens: readonly Token[], index: number, to: number): Reading | undefined {
  let total = 0;
  let group = 0;
  let fraction = 0;
  let seen = false;
  let scaled = false;
  let grand = false;
  let lastScale = 0;
  let end = index;
  let position = index;
  const word = (at: number) => (at < to ? tokens[at]?.normal : undefined);
  const starters = new Set([
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
    "half",
    "quarter",
    "couple",
    "grand",
  ]);

  while (position < to) {
    const current = word(position)!;
    const unit = spelledUnit(current);
    if (unit !== undefined) {
      group += unit;
      seen = true;
      end = ++position;
      continue;
    }
    if ((current === "a" || current === "an") && !seen && starters.has(word(position + 1) ?? "")) {
      position++;
      continue;
    }
    if (
      current === "couple" &&
      !seen &&
      (word(position + 1) === "of" || starters.has(word(position + 1) ?? ""))
    ) {
      const next = word(position + 1) === "of" ? position + 2 : position + 1;
      if (!["hundred", "thousand", "million"].includes(word(next) ?? "")) return undefined;
      group = 2;
      seen = true;
      position = next;
      continue;
    }
    // "three quarters of a million": a counted fraction.
    const counted = current === "quarters" && group > 0 && group < 4 && total === 0;
    if (
      current in fractions &&
      (position === index || word(position - 1) === "a" || word(position - 1) === "an" || counted)
    ) {
      // "a quarter million", "half a million", "a quarter of a million"
      let next = position + 1;
      if (word(next) === "of") next++;
      if (word(next) === "a" || word(next) === "an") next++;
      const scaleWord = word(next);
      // "a quarter mil" as well as "a quarter million"
      if (!scaleWord || !(wordOnlyScales.has(scaleWord) || spacedAbbreviations.has(scaleWord)))
        return undefined;
      fraction += fractions[current]! * (counted ? group : 1);
      if (counted) group = 0;
      seen = true;
      position = next;
      continue;
    }
    if (current === "hundred" && (seen || word(position - 1) === "a")) {
      group = (group || 1) * 100;
      seen = true;
      end = ++position;
      continue;
    }
    if (current === "dozen" && (seen || word(position - 1) === "a")) {
      group = (group || 1) * 12;
      seen = true;
      end = ++position;
      continue;
    }
    const scale = scaleWords[current];
    if (
      scale !== undefined &&
      (wordOnlyScales.has(current) || (fraction > 0 && spacedAbbreviations.has(current))) &&
      (seen || word(position - 1) === "a" || word(position - 1) === "an")
    ) {
      total += (group + fraction || 1) * scale;
      lastScale = scale;
      group = 0;
      fraction = 0;
      seen = true;
      scaled = true;
      grand = grand || current === "grand";
      end = ++position;
      continue;
    }
    if (current === "and" && seen) {
      const next = word(position + 1);
      if (next === "a" && word(position + 2) === "half") {
        const scaleWord = word(position + 3);
        if (scaleWord && wordOnlyScales.has(scaleWord)) {
          // "one and a half million": the half joins the group before the scale word.
          group += 0.5;
          position += 3;
          continue;
        }
        if (lastScale > 0 && group === 0) {
          // "a million and a half"
          total += 0.5 * lastScale;
          position += 3;
          end = position;
          continue;
        }
        break;
      }
      if (next !== undefined && spelledUnit(next) !== undefined) {
        position++;
        continue;
      }
    }
    break;
  }
  if (!seen || end === index) return undefined;
  return { value: total + group + fraction, end, scaled, grand, spelled: true };
}

/** Words a spelled-out quantity can start with; everything else is skipped without parsing. */
const spelledStarts = new Set([
  ...Object.keys(units),
  ...Object.keys(tens),
  "a",
  "an",
  "half",
  "quarter",
  "couple",
]);

function readSingle(tokens: readonly Token[], index: number, to: number): Reading | undefined {
  const token = tokens[index];
  if (!token) return undefined;
  if (token.kind === "number") return readDigits(tokens, index, to);
  if (token.kind === "word" && (spelledStarts.has(token.normal) || spelledUnit(token.normal) !== undefined))
    return readWords(tokens, index, to);
  return undefined;
}

/** The quantity starting at token `index`, with a following range bound when there is one. */
export function readNumberAt(
  analysis: Analysis,
  index: number,
  to = analysis.tokens.length,
): NumberMention | undefined {
  const tokens = analysis.tokens;
  const first = readSingle(tokens, index, to);
  if (!first || first.value <= 0 || !Number.isFinite(first.value)) return undefined;
  let mention: NumberMention = {
    start: index,
    end: first.end,
    value: first.value,
    scaled: first.scaled,
    grand: first.grand,
    spelled: first.spelled,
    roughSuffix: false,
  };

  const joiner = tokens[mention.end];
  const between = tokens[index - 1]?.normal === "between" && joiner?.normal === "and";
  if (joiner && mention.end < to && (rangeJoiners.has(joiner.normal) || between)) {
    let next = mention.end + 1;
    if (tokens[next] && currencyLike.has(tokens[next]!.normal)) next++;
    const second = readSingle(tokens, next, to);
    if (second && second.value > 0) {
      let low = first.value;
      // "50-60k": the multiplier written once applies to both ends.
      if (!first.scaled && second.scaled) {
        const multiplier =
          second.value / Math.max(1, Number(numericValue(tokens[next]!.text) ?? second.value));
        if (low * multiplier <= second.value) low *= multiplier;
      }
      const isRange = low < second.value && (joiner.normal !== "or" || low * 3 > second.value);
      if (isRange) {
        mention = {
          ...mention,
          end: second.end,
          low,
          value: second.value,
          scaled: first.scaled || second.scaled,
          grand: first.grand || second.grand,
        };
      }
    }
  }
  const after = tokens[mention.end];
  if (after && mention.end < to && ["+", "plus", "ish", "-ish"].includes(after.normal)) {
    mention.roughSuffix = true;
    mention.end++;
  }
  return mention;
}

/** Every quantity in tokens [from, to), left to right. */
export function findNumbers(analysis: Analysis, from = 0, to = analysis.tokens.length): NumberMention[] {
  const mentions: NumberMention[] = [];
  for (let index = from; index < to; index++) {
    const mention = readNumberAt(analysis, index, to);
    if (mention) {
      mentions.push(mention);
      index = mention.end - 1;
    }
  }
  return mentions;
}

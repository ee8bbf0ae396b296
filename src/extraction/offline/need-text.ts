import type { NeedStatus } from "../../core/qualification.js";
import { type Analysis, quote, type Sentence, type Token } from "./analysis.js";
import {
  clauseAround,
  clauseIsPast,
  isAboutThirdParty,
  isHypothetical,
  isQuestionAt,
  isRetracted,
  sentenceOf,
} from "./clauses.js";
import { domainWords, futureMarkers, hedges, laterMarkers } from "./need-phrases.js";
import type { Match } from "./phrase-matcher.js";

// What the need readers share: whether words are about the work the product touches, whether a
// phrase is the speaker's own present statement, hedges, futures, and quotes trimmed for evidence.

/** Longest pain quoted: enough to read, short enough for a handoff card. */
const MAX_PAIN_LENGTH = 160;

/** Words a subject-less cue may follow at the start of a clause: "so, need a…", "currently evaluating…". */
export const clauseOpeners = new Set([
  "hi",
  "hey",
  "hello",
  "so",
  "also",
  "and",
  "but",
  "basically",
  "honestly",
  "yeah",
  "yes",
  "ok",
  "okay",
  "well",
  "currently",
  "now",
  "really",
  "mainly",
  "mostly",
  "ideally",
  "plus",
  "definitely",
  "still",
  "urgently",
  "desperately",
  "just",
  "-",
  "—",
  ",",
  "!",
  ".",
]);
/** Objects that point back at what the sentence already named: "half our leads are junk, we need to filter them". */
const anaphoricObjects = new Set(["it", "them", "this", "that", "those", "these", "one", "something"]);
const subjectWords = new Set([
  "we",
  "i",
  "team",
  "company",
  "business",
  "office",
  "practice",
  "clinic",
  "firm",
  "agency",
  "store",
  "shop",
  "our",
  "my",
  "the",
]);
const wordPrefixes = /^(re|pre|auto|multi|self|over|under)-/;

export function isDomainToken(token: Token): boolean {
  if (domainWords.has(token.normal) || domainWords.has(token.lemma)) return true;
  // "re-qualify", "pre-screen", "after-hours-chat": the parts carry the meaning.
  if (!token.normal.includes("-")) return false;
  const stripped = token.normal.replace(wordPrefixes, "");
  return stripped !== token.normal
    ? domainWords.has(stripped)
    : token.normal.split("-").some((part) => domainWords.has(part));
}

/** Titles that name a department: "head of sales", "VP of Marketing". */
const titleHeads = new Set([
  "head",
  "vp",
  "svp",
  "evp",
  "director",
  "manager",
  "chief",
  "officer",
  "president",
]);

/** "researching options for our head of sales": the department names a person, not the work. */
function isInTitle(analysis: Analysis, index: number): boolean {
  const of = analysis.tokens[index - 1];
  const head = analysis.tokens[index - 2];
  return of?.normal === "of" && head !== undefined && titleHeads.has(head.normal);
}

export function hasDomainWord(analysis: Analysis, from: number, to: number): boolean {
  for (let index = from; index < to; index++)
    if (
      isDomainToken(analysis.tokens[index]!) &&
      !isInTitle(analysis, index) &&
      !isCountOfTimes(analysis, index)
    )
      return true;
  return false;
}

const ordinals = /^(first|second|third|fourth|fifth|last|next|every|each|one|this|\d+(st|nd|rd|th))$/;

/** "broken for the 3rd time", "third time this year": how often, not time spent on the work. */
function isCountOfTimes(analysis: Analysis, index: number): boolean {
  const token = analysis.tokens[index]!;
  if (token.normal !== "time") return false;
  const before = analysis.tokens[index - 1];
  return before !== undefined && ordinals.test(before.normal);
}

/** A statement about the speaker's own present: not a question, hypothetical, joke or someone else's. */
export function usable(analysis: Analysis, match: Match, allowPast = false): boolean {
  const sentence = sentenceOf(analysis, match.start);
  if (
    isQuestionAt(analysis, match.start) ||
    isHypothetical(analysis, match.start) ||
    isRetracted(analysis, match.start)
  )
    return false;
  if (isAboutThirdParty(analysis, match.start)) return false;
  if (allowPast) return true;
  const clause = clauseAround(analysis, sentence, match.start);
  // "we used to struggle with routing" is over.
  const words = analysis.tokens.slice(clause.from, clause.to);
  if (words.some((token, index) => token.normal === "used" && words[index + 1]?.normal === "to"))
    return false;
  return !clauseIsPast(analysis, clause.from, clause.to);
}

export function trimmedQuote(analysis: Analysis, start: number, to: number): string {
  let from = start;
  // "…, and our reps waste hours": the pain starts after the conjunction.
  while (
    from < to - 1 &&
    (analysis.tokens[from]!.pos === "CCONJ" ||
      ["so", "also", "plus", "then"].includes(analysis.tokens[from]!.normal))
  )
    from++;
  let end = to;
  while (end > from && ["punctuation", "symbol", "emoji"].includes(analysis.tokens[end - 1]!.kind)) end--;
  let text = quote(analysis, from, end);
  if (text.length > MAX_PAIN_LENGTH) {
    const cut = text.lastIndexOf(" ", MAX_PAIN_LENGTH);
    text = text.slice(0, cut > 40 ? cut : MAX_PAIN_LENGTH);
  }
  return text;
}

export interface Reading {
  status: NeedStatus;
  pain?: string;
  evidence: string;
  start: number;
  /** A pain (not a wish): the prospect may say they cope with it. */
  kind: "want" | "pain" | "cue";
}

/** "sort of", "kind of", "a bit", "a little": the hedge words that are nouns or verbs elsewhere need their partner. */
const hedgePartners: Record<string, { before?: string; after?: string }> = {
  sort: { after: "of" },
  kind: { after: "of" },
  bit: { before: "a" },
  little: { before: "a" },
};

const determiners = new Set([
  "this",
  "that",
  "the",
  "a",
  "what",
  "which",
  "some",
  "any",
  "every",
  "same",
  "our",
  "your",
]);

export function isHedged(analysis: Analysis, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const token = analysis.tokens[index]!;
    if (!hedges.has(token.normal)) continue;
    const partner = hedgePartners[token.normal];
    if (!partner) return true;
    // "this kind of tooling" names a kind; "it's kind of messy" hedges.
    const determined = determiners.has(analysis.tokens[index - 1]?.normal ?? "");
    if (partner.after && analysis.tokens[index + 1]?.normal === partner.after && !determined) return true;
    if (partner.before && analysis.tokens[index - 1]?.normal === partner.before) return true;
  }
  return false;
}

/** Subject-less cues count only where a clause starts ("Need a lead bot…", "…, need a filter"). */
export function opensClause(analysis: Analysis, sentence: Sentence, match: Match): boolean {
  const { from } = clauseAround(analysis, sentence, match.start);
  for (let index = from; index < match.start; index++) {
    if (!clauseOpeners.has(analysis.tokens[index]!.normal)) return false;
  }
  return true;
}

/** The pain starts after a leading "to": "we need [automate lead routing]". */
export function painStart(analysis: Analysis, index: number): number {
  return analysis.tokens[index]?.normal === "to" ? index + 1 : index;
}

/** The wish names the work itself, or points back ("…filter them") at a sentence that does. */
export function wishIsAboutTheWork(
  analysis: Analysis,
  sentence: Sentence,
  match: Match,
  objectStart: number,
): boolean {
  // The cue's own words count ("evaluating lead qualification platforms"), its subject does not ("our team needs…").
  let cueWords = match.start;
  while (cueWords < match.end && subjectWords.has(analysis.tokens[cueWords]!.normal)) cueWords++;
  if (hasDomainWord(analysis, cueWords, sentence.end)) return true;
  const objectWords = analysis.tokens.slice(objectStart, Math.min(sentence.end, objectStart + 4));
  const pointsBack = objectWords.some((token) => anaphoricObjects.has(token.normal));
  return pointsBack && hasDomainWord(analysis, sentence.first, objectStart);
}

const anaphoricSubjects = new Set([
  "it",
  "this",
  "that",
  "something",
  "everything",
  "which",
  "thats",
  "it's",
]);

/** "we convert maybe 5 of them. something's broken": a pain about what the sentence before named. */
export function continuesAboutTheWork(analysis: Analysis, sentence: Sentence): boolean {
  const previous = analysis.sentences[sentence.index - 1];
  if (!previous || !hasDomainWord(analysis, previous.first, previous.end)) return false;
  const firstWord = analysis.tokens
    .slice(sentence.first, sentence.end)
    .find((token) => token.kind === "word" && !clauseOpeners.has(token.normal));
  return firstWord !== undefined && anaphoricSubjects.has(firstWord.normal);
}

/** "we'll probably need something like this": a guess about the future, not a need today. */
export function isGuessedFuture(analysis: Analysis, from: number, to: number): boolean {
  const words = analysis.tokens.slice(from, to).map((token) => token.normal);
  const guessed = words.some((word) => ["probably", "maybe", "perhaps", "possibly"].includes(word));
  return guessed && words.some((word) => ["will", "'ll", "going", "gonna"].includes(word));
}

export function isPlacedLater(analysis: Analysis, from: number, to: number): boolean {
  return analysis.tokens.slice(from, to).some((token) => laterMarkers.has(token.normal));
}

/** "…it will turn into a headache once we open the second office": a pain still to come. */
export function isFuturePain(analysis: Analysis, clauseFrom: number, start: number): boolean {
  return analysis.tokens.slice(clauseFrom, start).some((token) => futureMarkers.has(token.normal));
}

export function isForNow(analysis: Analysis, index: number): boolean {
  const next = analysis.tokens[index]?.normal;
  const after = analysis.tokens[index + 1]?.normal;
  return (next === "for" && after === "now") || (next === "right" && after === "now") || next === "atm";
}

import type { NeedStatus } from "../../core/qualification.js";
import { type Analysis, quote, type Sentence } from "./analysis.js";
import { isAboutTheVendorOnly, isSpeakersClause, subjectAt } from "./clause-subject.js";
import { clauseAround, isHypothetical, isNegated, isQuestion } from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import {
  contentCues,
  futureMarkers,
  laterMarkers,
  marketCues,
  needBackReferences,
  notInterest,
  notNeeds,
  openingWantCues,
  wantCues,
} from "./need-phrases.js";
import {
  continuesAboutTheWork,
  hasDomainWord,
  isDomainToken,
  isForNow,
  isFuturePain,
  isGuessedFuture,
  isHedged,
  isPlacedLater,
  opensClause,
  painStart,
  type Reading,
  trimmedQuote,
  usable,
  wishIsAboutTheWork,
} from "./need-text.js";
import { findAny, type Match, type Pattern } from "./phrase-matcher.js";

// The need readers, one per kind of clue: a wish ("we need…"), being in the market, a pain, a cue
// word ("just curious", "we're happy with our setup"), a pointer back ("that's the main thing we're
// after") and a short reply to the bot's need question.

export function marketReadings(analysis: Analysis, sentence: Sentence): Reading[] {
  return findAny(analysis, marketCues, sentence.first, sentence.end)
    .filter((match) => usable(analysis, match) && !isNegated(analysis, match.start, match.end))
    .map((match) => {
      const clause = clauseAround(analysis, sentence, match.start);
      const text = trimmedQuote(analysis, clause.from, clause.to);
      return { status: "explicit", kind: "want", pain: text, evidence: text, start: match.start };
    });
}

/**
 * "the bike I want costs 2 grand": the wish only describes a thing outside the work. "the tool we
 * need has to sync with HubSpot" is still the need.
 */
function qualifiesAnotherThing(analysis: Analysis, match: Match): boolean {
  const before = analysis.tokens[match.start - 1];
  if (!before || before.sentence !== analysis.tokens[match.start]!.sentence) return false;
  if (before.pos !== "NOUN" && before.pos !== "PROPN") return false;
  if (!["i", "we"].includes(analysis.tokens[match.start]!.normal)) return false;
  return !isDomainToken(before) && !isSpeakersClause(analysis, before.index);
}

export function wantReadings(analysis: Analysis, sentence: Sentence): Reading[] {
  const readings: Reading[] = [];
  const cues = [
    ...findAny(analysis, wantCues, sentence.first, sentence.end),
    ...findAny(analysis, openingWantCues, sentence.first, sentence.end).filter((match) =>
      opensClause(analysis, sentence, match),
    ),
  ];
  for (const match of cues) {
    if (!usable(analysis, match) || qualifiesAnotherThing(analysis, match)) continue;
    const clause = clauseAround(analysis, sentence, match.start);
    // "we need a [chat widget]": the object starts at the cue's last word when that is an article.
    const objectStart = ["to", "a", "an", "some", "something", "for"].includes(
      analysis.tokens[match.end - 1]!.normal,
    )
      ? match.end - 1
      : match.end;
    if (
      findAny(analysis, notNeeds, objectStart, Math.min(sentence.end, objectStart + 8)).some(
        (other) => other.start === objectStart,
      )
    )
      continue;
    if (!wishIsAboutTheWork(analysis, sentence, match, objectStart)) continue;
    const painEnd = Math.max(clause.to, Math.min(sentence.end, match.end + 2));
    if (match.end >= painEnd) continue;
    const negated = isNegated(analysis, match.start, match.end);
    const status: NeedStatus = negated
      ? "none"
      : isHedged(analysis, clause.from, clause.to) ||
          isPlacedLater(analysis, clause.from, clause.to) ||
          isGuessedFuture(analysis, clause.from, match.end)
        ? "latent"
        : "explicit";
    readings.push({
      status,
      kind: "want",
      ...(status === "explicit"
        ? { pain: trimmedQuote(analysis, painStart(analysis, match.end), painEnd) }
        : {}),
      evidence: trimmedQuote(analysis, clause.from, painEnd),
      start: match.start,
    });
  }
  return readings;
}

/**
 * "your website is painfully slow", "my wife's team is drowning": a pain of ours or of someone else
 * is no need of the prospect's. A thing outside their work ("airline lost my bag again") counts
 * only when the clause goes on about the work ("the front desk is overwhelmed with calls").
 */
function isOwnPain(analysis: Analysis, index: number, clause: { from: number; to: number }): boolean {
  if (isAboutTheVendorOnly(analysis, clause.from, clause.to)) return false;
  const subject = subjectAt(analysis, index);
  if (subject.kind === "speaker") return true;
  if (subject.kind !== "something_else") return false;
  const afterSubject = (subject.words.at(-1)?.index ?? clause.from) + 1;
  return hasDomainWord(analysis, afterSubject, clause.to);
}

const obligations = new Set(["have", "need", "gotta", "got", "must", "should"]);

/** "I'll have to drop off soon", "gotta drop": the speaker leaving the chat, not leads dropping. */
function isLeavingTheChat(analysis: Analysis, match: Match): boolean {
  const cue = analysis.tokens[match.start]!;
  if (cue.lemma !== "drop") return false;
  const before = analysis.tokens.slice(Math.max(0, match.start - 3), match.start);
  return before.some((token) => obligations.has(token.normal) || obligations.has(token.lemma));
}

export function painReadings(
  analysis: Analysis,
  sentence: Sentence,
  patterns: readonly Pattern[],
  negationInside: boolean,
): Reading[] {
  const readings: Reading[] = [];
  for (const match of findAny(analysis, patterns, sentence.first, sentence.end)) {
    if (!usable(analysis, match) || isLeavingTheChat(analysis, match)) continue;
    const negated = negationInside
      ? isNegated(analysis, match.start, match.start, 2)
      : isNegated(analysis, match.start, match.end);
    if (negated) continue;
    const clause = clauseAround(analysis, sentence, match.start);
    if (!hasDomainWord(analysis, sentence.first, sentence.end) && !continuesAboutTheWork(analysis, sentence))
      continue;
    if (!isOwnPain(analysis, match.start, clause)) continue;
    // "…to respond to new leads, way too slow": a clause without the work in it takes the sentence.
    const about = hasDomainWord(analysis, clause.from, clause.to)
      ? clause
      : { from: sentence.first, to: sentence.end };
    const text = trimmedQuote(analysis, about.from, about.to);
    const softened =
      isHedged(analysis, clause.from, clause.to) || isFuturePain(analysis, clause.from, match.start);
    readings.push({
      status: softened ? "latent" : "explicit",
      kind: "pain",
      ...(softened ? {} : { pain: text }),
      evidence: text,
      start: match.start,
    });
  }
  return readings;
}

/**
 * "we're looking at tools to qualify leads": looking around turns into a stated need when a purpose
 * naming the work follows ("to <verb> …", "that <verb> …").
 */
function statedPurpose(analysis: Analysis, sentence: Sentence, match: Match): number | undefined {
  const clause = clauseAround(analysis, sentence, match.start);
  // "we might want to add chat eventually": a possibility stays a possibility, purpose or not.
  const words = analysis.tokens.slice(clause.from, clause.to);
  if (words.some((token) => futureMarkers.has(token.normal) || laterMarkers.has(token.normal)))
    return undefined;
  for (let index = match.end; index < Math.min(clause.to, match.end + 3); index++) {
    const token = analysis.tokens[index]!;
    const next = analysis.tokens[index + 1];
    const opensPurpose =
      (token.normal === "to" && next?.pos === "VERB") || (["that", "which"].includes(token.normal) && next);
    if (opensPurpose && hasDomainWord(analysis, index + 1, clause.to)) return index + 1;
  }
  return undefined;
}

/** Cues that only say when: they need something of the work to place ("down the road we'll need routing"). */
const placements = new Set([
  "one day",
  "in the future",
  "at some point",
  "later on",
  "down the line",
  "down the road",
]);
const placedAnaphors = new Set(["it", "this", "that", "something", "one", "them", "need", "want", "use"]);

/** "I'd love to be a CEO one day": the cue places a wish that has nothing to do with the work. */
function placesSomethingElse(analysis: Analysis, sentence: Sentence, match: Match): boolean {
  if (!placements.has(quote(analysis, match.start, match.end).toLowerCase())) return false;
  const clause = clauseAround(analysis, sentence, match.start);
  const rest = analysis.tokens
    .slice(clause.from, clause.to)
    .filter((token) => token.index < match.start || token.index >= match.end);
  if (!rest.some((token) => token.pos === "NOUN" || token.pos === "PROPN")) return false;
  return !rest.some(
    (token) => isDomainToken(token) || placedAnaphors.has(token.normal) || placedAnaphors.has(token.lemma),
  );
}

export function simpleReadings(
  analysis: Analysis,
  sentence: Sentence,
  patterns: readonly Pattern[],
  status: NeedStatus,
): Reading[] {
  const readings: Reading[] = [];
  for (const match of findAny(analysis, patterns, sentence.first, sentence.end)) {
    if (!usable(analysis, match, true)) continue;
    // Cues that spell their own "not" ("not there yet", "not an urgent need") are negated by design.
    const spellsNot = analysis.tokens[match.start]!.normal === "not";
    if (status !== "none" && !spellsNot && isNegated(analysis, match.start, match.end)) continue;
    if (
      status === "latent" &&
      findAny(analysis, notInterest, match.start, Math.min(analysis.tokens.length, match.start + 8))[0]
        ?.start === match.start
    )
      continue;
    if (status === "latent" && placesSomethingElse(analysis, sentence, match)) continue;
    const purpose = status === "latent" ? statedPurpose(analysis, sentence, match) : undefined;
    if (purpose !== undefined) {
      const clause = clauseAround(analysis, sentence, match.start);
      readings.push({
        status: "explicit",
        kind: "want",
        pain: trimmedQuote(analysis, purpose, clause.to),
        evidence: trimmedQuote(analysis, clause.from, clause.to),
        start: match.start,
      });
      continue;
    }
    readings.push({
      status,
      kind: "cue",
      evidence: quote(analysis, match.start, match.end),
      start: match.start,
    });
  }
  return readings;
}

/** "we're good" / "nah we're fine, thanks" as the whole point, not "we're good at closing". */
export function contentReadings(analysis: Analysis, sentence: Sentence, answeringNeed: boolean): Reading[] {
  // "thanks, we're good!" closes a chat; it says no need only about the work or when asked what they need.
  if (!answeringNeed && !hasDomainWord(analysis, 0, analysis.tokens.length)) return [];
  return findAny(analysis, contentCues, sentence.first, sentence.end)
    .filter((match) => {
      const next = analysis.tokens[match.end];
      const ends = !next || next.sentence !== sentence.index || next.kind === "punctuation";
      const closes =
        next &&
        ["thanks", "thank", "for", "here", "there", "already", "now", "without", "with"].includes(
          next.normal,
        );
      return (
        (ends || closes) && usable(analysis, match, true) && !isNegated(analysis, match.start, match.end)
      );
    })
    .map((match) => ({
      // "we're ok for now": fine today, so interest at most, never "none".
      status: isForNow(analysis, match.end) ? ("latent" as const) : ("none" as const),
      kind: "cue" as const,
      evidence: quote(analysis, match.start, match.end),
      start: match.start,
    }));
}

/** "can your bot book demos into our calendars? that's the main thing we're after": the need is the sentence before. */
export function backReferenceReadings(analysis: Analysis, sentence: Sentence): Reading[] {
  const previous = analysis.sentences[sentence.index - 1];
  if (!previous || !hasDomainWord(analysis, previous.first, previous.end)) return [];
  const match = findAny(analysis, needBackReferences, sentence.first, sentence.end)[0];
  if (!match || isNegated(analysis, match.start, match.end) || isHypothetical(analysis, match.start))
    return [];
  const pain = trimmedQuote(analysis, previous.first, previous.end);
  return [{ status: "explicit", kind: "want", pain, evidence: pain, start: previous.first }];
}

/** A reply to "what are you hoping to solve?" that names the work: "lead routing, mostly". */
export function answerToNeedQuestion(context: ReadingContext): Reading[] {
  const { analysis } = context;
  if (context.askedSlot !== "need" || !context.shortAnswer) return [];
  const first = analysis.sentences[0];
  if (!first || isQuestion(analysis, first) || !hasDomainWord(analysis, first.first, first.end)) return [];
  if (isNegated(analysis, first.first, first.end)) return [];
  const text = trimmedQuote(analysis, first.first, first.end);
  return [{ status: "explicit", kind: "want", pain: text, evidence: text, start: first.first }];
}

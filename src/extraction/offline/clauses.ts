import type { Analysis, Sentence, Token } from "./analysis.js";
import { hasLexiconTag } from "./language-model.js";

// Whether a phrase found in a sentence is the prospect stating a fact: not a question, not
// negated, not a hypothetical, not about a third party, not in the past. Precision depends on it.

const clauseBreaks = new Set([
  ",",
  ";",
  ":",
  "—",
  "–",
  "(",
  ")",
  "-",
  "…",
  "but",
  "although",
  "though",
  "however",
  "whereas",
]);
const negators = new Set([
  "not",
  "no",
  "never",
  "without",
  "nothing",
  "none",
  "nobody",
  "neither",
  "nor",
  "hardly",
]);
const conditionals = new Set([
  "if",
  "unless",
  "suppose",
  "supposing",
  "assuming",
  "hypothetically",
  "imagine",
  "whether",
]);
const questionWords = new Set([
  "what",
  "how",
  "why",
  "when",
  "where",
  "who",
  "which",
  "whats",
  "hows",
  "whom",
  "whose",
]);
const invertingAuxiliaries = new Set([
  "do",
  "does",
  "did",
  "is",
  "are",
  "was",
  "were",
  "can",
  "could",
  "would",
  "will",
  "should",
  "shall",
  "may",
  "might",
  "have",
  "has",
  "am",
  "ca",
  "wo",
]);
const subjectsAfterInversion = new Set([
  "you",
  "it",
  "there",
  "this",
  "that",
  "your",
  "we",
  "i",
  "they",
  "the",
  "a",
  "an",
  "he",
  "she",
  "u",
  "ya",
  "anyone",
  "someone",
  "y'all",
]);
const openers = new Set([
  "hi",
  "hey",
  "hello",
  "so",
  "ok",
  "okay",
  "and",
  "also",
  "btw",
  "but",
  "oh",
  "um",
  "uh",
  "well",
  "quick",
  "question",
  "sorry",
  "thanks",
  "great",
  "cool",
  "sure",
  "right",
  "hmm",
]);
const thirdParties = new Set([
  "friend",
  "friends",
  "brother",
  "sister",
  "wife",
  "husband",
  "dad",
  "mom",
  "mum",
  "father",
  "mother",
  "cousin",
  "uncle",
  "aunt",
  "neighbor",
  "neighbour",
  "client",
  "clients",
  "competitor",
  "competitors",
  "someone",
  "somebody",
  "people",
  "companies",
  "everyone",
  "everybody",
]);
/** "most companies", "other teams": someone else; "so many leads", "most of our demos": the speaker's own. */
const quantifiers = new Set(["most", "many", "another", "other"]);
const otherOrganisations = new Set([
  "people",
  "companies",
  "company",
  "businesses",
  "business",
  "firms",
  "firm",
  "teams",
  "team",
  "folks",
  "brands",
  "startups",
  "agencies",
  "vendors",
  "orgs",
  "organisations",
  "organizations",
  "founders",
  "reps",
]);
const irregularPast = new Set([
  "was",
  "were",
  "had",
  "did",
  "went",
  "said",
  "got",
  "made",
  "took",
  "came",
  "used",
]);

export function isClauseBreak(token: Token): boolean {
  return clauseBreaks.has(token.normal);
}

/** Token range [from, to) of the clause around `index`, inside its sentence. */
export function clauseAround(
  analysis: Analysis,
  sentence: Sentence,
  index: number,
): { from: number; to: number } {
  let from = index;
  while (from > sentence.first && !isClauseBreak(analysis.tokens[from - 1]!)) from--;
  let to = index + 1;
  while (to < sentence.end && !isClauseBreak(analysis.tokens[to]!)) to++;
  return { from, to };
}

export function sentenceOf(analysis: Analysis, index: number): Sentence {
  return analysis.sentences[analysis.tokens[index]?.sentence ?? 0]!;
}

function firstWords(analysis: Analysis, sentence: Sentence): Token[] {
  const words: Token[] = [];
  for (let index = sentence.first; index < sentence.end && words.length < 6; index++) {
    const token = analysis.tokens[index]!;
    if (token.kind === "word") words.push(token);
  }
  while (words.length > 2 && openers.has(words[0]!.normal)) words.shift();
  return words;
}

/** A question to the bot: ends with "?", or starts like one ("how much is it", "can you…"). */
export function isQuestion(analysis: Analysis, sentence: Sentence): boolean {
  if (endsWithQuestionMark(sentence)) return true;
  return isWordedAsQuestion(analysis, sentence);
}

function endsWithQuestionMark(sentence: Sentence): boolean {
  return /\?\s*[\p{Emoji_Presentation}\s!.)]*$/u.test(sentence.text);
}

const questionBreaks = new Set([",", ";", "—", "–", "-"]);

/**
 * Whether the token at `index` is inside the asking part of its sentence. "not sure on budget, what do
 * similar companies spend?" asks only after the comma: the statement before it still stands.
 */
export function isQuestionAt(analysis: Analysis, index: number): boolean {
  const sentence = sentenceOf(analysis, index);
  if (!isQuestion(analysis, sentence)) return false;
  if (!endsWithQuestionMark(sentence) || isWordedAsQuestion(analysis, sentence)) return true;
  for (let position = sentence.first + 1; position < sentence.end - 1; position++) {
    if (!questionBreaks.has(analysis.tokens[position]!.normal)) continue;
    const rest: Sentence = { ...sentence, first: position + 1 };
    if (isWordedAsQuestion(analysis, rest)) return index > position;
  }
  return true;
}

function isWordedAsQuestion(analysis: Analysis, sentence: Sentence): boolean {
  const [first, second] = firstWords(analysis, sentence);
  if (!first || !second) return false;
  // "how much time we waste is crazy" exclaims; "how much is it" / "how many leads can it handle" ask.
  if (
    (first.normal === "how" && (second.normal === "much" || second.normal === "many")) ||
    (first.normal === "what" && second.pos === "NOUN")
  ) {
    const next = firstWords(analysis, sentence).slice(2, 4);
    return next.some((token) => token.pos === "AUX" || token.pos === "VERB") || next.length === 0;
  }
  if (questionWords.has(first.normal))
    return (
      second.pos === "AUX" ||
      second.pos === "VERB" ||
      ["much", "many", "long", "soon", "big", "about", "come", "often"].includes(second.normal)
    );
  return invertingAuxiliaries.has(first.normal) && subjectsAfterInversion.has(second.normal);
}

/** Negated: a negator inside the phrase or shortly before it in the same clause. */
export function isNegated(analysis: Analysis, start: number, end: number, lookBehind = 4): boolean {
  const sentence = sentenceOf(analysis, start);
  const { from } = clauseAround(analysis, sentence, start);
  // A phrase may end at the message's end ("…so here I am"): nothing past the last token is read.
  const last = Math.min(end, analysis.tokens.length);
  for (let index = Math.max(from, start - lookBehind); index < last; index++) {
    if (negators.has(analysis.tokens[index]!.normal)) return true;
  }
  return false;
}

const indirectQuestionVerbs = new Set([
  "know",
  "wonder",
  "wondering",
  "ask",
  "asking",
  "see",
  "check",
  "tell",
  "curious",
  "sure",
]);

function asksIndirectly(before: Token | undefined): boolean {
  return before !== undefined && indirectQuestionVerbs.has(before.normal);
}

/** Inside an "if …" / "suppose …" clause before the phrase. */
export function isHypothetical(analysis: Analysis, start: number): boolean {
  const sentence = sentenceOf(analysis, start);
  const { from } = clauseAround(analysis, sentence, start);
  for (let index = from; index < start; index++) {
    const token = analysis.tokens[index]!;
    // "I'd like to know if you have…", "wondering whether…": an indirect question, not a condition.
    if (conditionals.has(token.normal) && !asksIndirectly(analysis.tokens[index - 1])) return true;
    if (token.normal === "say" && analysis.tokens[index - 1]?.normal === "us") return true;
  }
  return false;
}

/** The clause's subject (words before its first verb) is someone else: "my friend's company has…". */
export function isAboutThirdParty(analysis: Analysis, start: number): boolean {
  const sentence = sentenceOf(analysis, start);
  let { from } = clauseAround(analysis, sentence, start);
  // "Clients submit orders and nobody follows up": the subject of the conjunct holding the phrase.
  for (let index = start - 1; index > from; index--) {
    // "…has a budget and needs a CRM": a conjunct without its own subject keeps the first one.
    const next = analysis.tokens[index + 1];
    if (analysis.tokens[index]!.pos === "CCONJ" && next && next.pos !== "VERB" && next.pos !== "AUX") {
      from = index + 1;
      break;
    }
  }
  for (let index = from; index < start; index++) {
    const token = analysis.tokens[index]!;
    if (token.pos === "VERB" || token.pos === "AUX") return false;
    if (thirdParties.has(token.normal)) return true;
    if (quantifiers.has(token.normal) && otherOrganisations.has(analysis.tokens[index + 1]?.normal ?? ""))
      return true;
  }
  return false;
}

export function isPastTense(token: Token): boolean {
  if (token.pos !== "VERB" && token.pos !== "AUX") return false;
  if (irregularPast.has(token.normal)) return true;
  if (token.normal !== token.lemma && token.normal.endsWith("ed")) return true;
  return hasLexiconTag(token.normal, "PastTense");
}

/** The clause talks about the past ("we launched in March", "I was a student") with no present/future verb. */
export function clauseIsPast(analysis: Analysis, from: number, to: number): boolean {
  let past = false;
  for (let index = from; index < to; index++) {
    const token = analysis.tokens[index]!;
    if (token.pos !== "VERB" && token.pos !== "AUX") continue;
    if (isPastTense(token)) past = true;
    else if (!["have", "has", "been", "be", "being"].includes(token.normal)) return false;
  }
  return past;
}

const jokeMarkers = new Set(["jk", "j/k", "kidding", "joking", "jking"]);

/** Taken back as a joke: "jk" / "just kidding" follows in the same sentence or opens the next one. */
export function isRetracted(analysis: Analysis, index: number): boolean {
  const sentence = sentenceOf(analysis, index);
  const limit = Math.min(analysis.tokens.length, sentence.end + 3);
  for (let position = index; position < limit; position++) {
    if (jokeMarkers.has(analysis.tokens[position]!.normal)) return true;
  }
  return false;
}

/** A statement of fact by the prospect, usable as evidence for a field. */
export function isFactual(analysis: Analysis, start: number, end: number): boolean {
  return (
    !isQuestionAt(analysis, start) &&
    !isHypothetical(analysis, start) &&
    !isAboutThirdParty(analysis, start) &&
    !isRetracted(analysis, start) &&
    end > start
  );
}

export function wordCount(analysis: Analysis): number {
  return analysis.tokens.filter((token) => token.kind === "word" || token.kind === "number").length;
}

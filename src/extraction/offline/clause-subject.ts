import type { Analysis, Token } from "./analysis.js";
import { clauseAround, sentenceOf } from "./clauses.js";
import { isKnownWord } from "./language-model.js";
import { isDomainToken } from "./need-text.js";
import {
  complementisers,
  definite,
  firstPerson,
  firstPersonSubjects,
  futureWords,
  groupNouns,
  groupQuantifiers,
  leadIns,
  neutralHeads,
  otherPeople,
  ownSideNouns,
  personalLife,
  possessives,
  quantities,
  referringPronouns,
  screenParts,
  secondPerson,
  speculationVerbs,
  subordinators,
  thirdPossessives,
  titleWords,
} from "./subject-vocabulary.js";
import { departments } from "./title-vocabulary.js";

// Whose statement a clause is, read from its subject (the words before its first verb). A prospect
// states purchase facts about themselves, their organisation, their work or the purchase ("we need…",
// "our leads go cold", "budget is TBD", "it has to be live by March"). The same trigger words in a
// clause about us ("your website is slow"), about someone else ("my wife is a marketing director") or
// about some other thing ("the new Pixel is out in October", "airline lost my bag again") state
// nothing about this purchase. Readers ask before taking a value from a clause.

export type SubjectKind =
  /** The speaker, their organisation, their work or the purchase; or no subject at all ("need a bot by March"). */
  | "speaker"
  /** Us, the vendor: "your site", "you guys". */
  | "vendor"
  /** A person who is not the speaker: "my wife", "a recruiter", "everyone". */
  | "someone_else"
  /** A thing outside the prospect's work: "the new Pixel", "airline", "Bitcoin". */
  | "something_else"
  /** The speaker's private life: "my passport", "our kid's school trip", "my phone contract". */
  | "private_life";

function isGenericGroup(words: readonly Token[]): boolean {
  if (words.some((token) => firstPerson.has(token.normal))) return false;
  const quantifier = words.findIndex((token) => groupQuantifiers.has(token.normal));
  return (
    quantifier >= 0 &&
    words.slice(quantifier + 1, quantifier + 4).some((token) => groupNouns.has(token.normal))
  );
}

export interface ClauseSubject {
  kind: SubjectKind;
  /** The subject's words, for readers that look closer. */
  words: readonly Token[];
}

/** First token of the (sub)clause holding `index`: after "if", "because", or a conjunction that starts a new subject. */
function subjectStart(analysis: Analysis, index: number): number {
  const sentence = sentenceOf(analysis, index);
  const { from } = clauseAround(analysis, sentence, index);
  for (let position = index - 1; position >= from; position--) {
    const token = analysis.tokens[position]!;
    if (subordinators.has(token.normal)) return position + 1;
    // "…has a budget and (always) needs a CRM": a conjunct without its own subject keeps the first one.
    let next = position + 1;
    while (analysis.tokens[next]?.pos === "ADV" && next < index) next++;
    const following = analysis.tokens[next];
    if (
      token.pos === "CCONJ" &&
      following &&
      following.pos !== "VERB" &&
      following.pos !== "AUX" &&
      position + 1 < index
    )
      return position + 1;
  }
  return from;
}

/** Token range [from, to) that is never part of a subject: the date or amount the reader is judging. */
export interface Span {
  from: number;
  to: number;
}

function subjectWords(analysis: Analysis, index: number, judged?: Span): Token[] {
  const words: Token[] = [];
  let position = subjectStart(analysis, index);
  const { to } = clauseAround(analysis, sentenceOf(analysis, index), index);
  while (
    position < to &&
    (leadIns.has(analysis.tokens[position]!.normal) || analysis.tokens[position]!.kind !== "word")
  )
    position++;
  let verb = false;
  for (; position < to; position++) {
    const token = analysis.tokens[position]!;
    if (token.pos === "VERB" || token.pos === "AUX") {
      verb = true;
      break;
    }
    const inJudged = judged !== undefined && position >= judged.from && position < judged.to;
    if (token.kind === "word" && !inJudged) words.push(token);
  }
  // "in the next 6 to 8 weeks", "too many popups on your site": without a verb the subject is
  // what comes before the first preposition, if anything.
  if (verb) return words;
  const preposition = words.findIndex((token) => token.pos === "ADP" && token.normal !== "of");
  return preposition < 0 ? words : words.slice(0, preposition);
}

function headOf(words: readonly Token[]): Token | undefined {
  return words.find(
    (token) =>
      !quantities.has(token.normal) &&
      !possessives.has(token.normal) &&
      (token.pos === "NOUN" ||
        token.pos === "PROPN" ||
        token.pos === "PRON" ||
        neutralHeads.has(token.normal)),
  );
}

function isOwnSide(token: Token): boolean {
  return (
    ownSideNouns.has(token.normal) ||
    ownSideNouns.has(token.lemma) ||
    departments.has(token.normal) ||
    isDomainToken(token)
  );
}

function previousIsSpeakers(analysis: Analysis, words: readonly Token[]): boolean {
  const first = words[0];
  if (!first) return false;
  const sentence = sentenceOf(analysis, first.index);
  if (first.index - 1 <= sentence.first) return false;
  const before = subjectAt(analysis, first.index - 1);
  return before.kind === "speaker" && before.words.some((token) => firstPerson.has(token.normal));
}

/** The subject of the clause before `pronoun` in the same sentence, when it is not the speaker's. */
function previousSubject(
  analysis: Analysis,
  words: readonly Token[],
  pronoun: Token,
): ClauseSubject | undefined {
  const sentence = sentenceOf(analysis, pronoun.index);
  const first = words[0]?.index ?? pronoun.index;
  if (first - 1 <= sentence.first) return undefined;
  const before = subjectAt(analysis, first - 1);
  return before.kind === "speaker" || before.kind === "vendor" ? undefined : { kind: before.kind, words };
}

/** Who or what the clause holding `index` is about. */
export function subjectAt(analysis: Analysis, index: number, judged?: Span): ClauseSubject {
  const words = subjectWords(analysis, index, judged);
  const speaker: ClauseSubject = { kind: "speaker", words };
  const someoneElse: ClauseSubject = { kind: "someone_else", words };
  const somethingElse: ClauseSubject = { kind: "something_else", words };
  const head = headOf(words);
  // "we…", "I…"; but in "the bike I want costs 2 grand" the speaker only qualifies the bike.
  const opening = words.find((token) => !quantities.has(token.normal) && !leadIns.has(token.normal));
  if (opening && firstPersonSubjects.has(opening.normal)) return speaker;
  if (words.some((token) => otherPeople.has(token.normal))) return someoneElse;
  if (isGenericGroup(words)) return someoneElse;
  // "our kid's school trip costs 450 euros and they want it by Friday": "they" is the clause before's subject.
  if (opening && referringPronouns.has(opening.normal))
    return previousSubject(analysis, words, opening) ?? speaker;
  if (words.some((token) => firstPerson.has(token.normal))) {
    // "our kid's school trip", "our dog": the speaker's home life is not their work.
    if (words.some((token) => personalLife.has(token.normal))) return { kind: "private_life", words };
    // "our X" is the organisation's; "my X" is the speaker's own, work only when X is ("my team", "my inbox").
    const singular =
      words.some((token) => token.normal === "my") && !words.some((token) => token.normal === "our");
    if (!singular || words.some((token) => isOwnSide(token) || titleWords.has(token.normal))) return speaker;
    return head && isKnownWord(head.normal) ? somethingElse : speaker;
  }
  // No subject ("need a bot by March"): the reading is the speaker's unless the clause is about us.
  if (words.some((token) => secondPerson.has(token.normal))) return { kind: "vendor", words };
  // "the chat window covers the cookie banner": what the visitor sees on our site.
  if (words.some((token) => screenParts.has(token.normal))) return { kind: "vendor", words };
  // "their bot is awful": someone else's, unless the clause before was the speaker's own
  // ("our SDRs are great but their follow-up is slow").
  if (words.some((token) => thirdPossessives.has(token.normal)))
    return previousIsSpeakers(analysis, words) ? speaker : someoneElse;
  if (!head || neutralHeads.has(head.normal)) return speaker;
  // "the front desk handles the phones", "Legal needs it signed": a noun with the prospect's work in it is theirs.
  if (words.some((token) => isOwnSide(token))) return speaker;
  // Only a word the English models know can be judged: "Wir haben…", "tenemos un presupuesto…" are
  // other languages, whose subjects this reading cannot see.
  if (head.pos === "PRON" || !isKnownWord(head.normal)) return speaker;
  return somethingElse;
}

/** The clause is the prospect speaking about their own side (or has no subject of its own). */
export function isSpeakersClause(analysis: Analysis, index: number): boolean {
  return subjectAt(analysis, index).kind === "speaker";
}

/** "too many popups on your site", "the chat on your pricing page is broken": about us, and nothing of the speaker's. */
export function isAboutTheVendorOnly(analysis: Analysis, from: number, to: number): boolean {
  const words = analysis.tokens.slice(from, to);
  // "I can't find the unsubscribe link in your emails": the speaker alone, as a visitor of ours.
  return (
    words.some((token) => secondPerson.has(token.normal)) &&
    !words.some((token) => firstPerson.has(token.normal) && !visitorSelf.has(token.normal))
  );
}

/** The speaker as one person (not their organisation or work): "I", "me". */
const visitorSelf = new Set(["i", "me"]);

/**
 * "I wonder if AI will replace salespeople in 10 years", "I bet remote work is over by 2030": a guess
 * whose subject is not the speaker's side. "I guess we need it by March" is still the speaker's plan.
 */
export function isSpeculation(analysis: Analysis, index: number): boolean {
  const sentence = sentenceOf(analysis, index);
  const { from } = clauseAround(analysis, sentence, index);
  for (let position = from; position < index; position++) {
    if (!speculationVerbs.has(analysis.tokens[position]!.normal)) continue;
    let start = position + 1;
    if (complementisers.has(analysis.tokens[start]?.normal ?? "")) start++;
    const guessed: Token[] = [];
    for (let at = start; at < index; at++) {
      const token = analysis.tokens[at]!;
      if (token.pos === "VERB" || token.pos === "AUX") break;
      if (token.kind === "word") guessed.push(token);
    }
    if (guessed.length === 0) return false;
    return !guessed.some(
      (token) =>
        firstPerson.has(token.normal) ||
        ["it", "this", "that"].includes(token.normal) ||
        ownSideNouns.has(token.normal),
    );
  }
  return false;
}

/**
 * "B2B buying will be totally different in 5 years", "chatbots will replace web forms by 2030": a
 * forecast about the world (a bare, general subject and "will"), not a plan of the speaker's.
 */
export function isWorldForecast(analysis: Analysis, index: number): boolean {
  const sentence = sentenceOf(analysis, index);
  const clause = clauseAround(analysis, sentence, index);
  const tokens = analysis.tokens.slice(clause.from, clause.to);
  if (tokens.some((token) => firstPerson.has(token.normal) || secondPerson.has(token.normal))) return false;
  if (!tokens.some((token) => futureWords.has(token.normal))) return false;
  // "Reps will start using it in January": the purchase is in the clause, so it is a plan.
  if (tokens.some((token) => definite.has(token.normal))) return false;
  const words = subjectWords(analysis, index);
  if (words.length === 0 || words.some((token) => neutralHeads.has(token.normal))) return false;
  return !words.some(
    (token) =>
      ownSideNouns.has(token.normal) || departments.has(token.normal) || titleWords.has(token.normal),
  );
}

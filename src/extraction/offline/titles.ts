import type { SignalOf } from "../../core/qualification.js";
import { type Analysis, quote, type Token } from "./analysis.js";
import { isNegated, isQuestion, sentenceOf } from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import { compilePatterns, findAny } from "./phrase-matcher.js";
import {
  departments,
  heads,
  isTitleVocabulary,
  modifiers,
  type Rank,
  rankOrder,
} from "./title-vocabulary.js";

// Job titles → seniority, only when the title is the speaker's own: "I'm the VP of Sales",
// "Dana Lee, Head of RevOps at Acme", "my role is team lead", a signature line, or a bare title
// given as the reply to "what's your role?". "Our CEO loves dashboards" and "we sell to CFOs"
// name titles but not the speaker's.

/** Top roles whose "of …" names the company: "CEO of Lumen", "Owner of Hughes Bakery". */
const companyHeads = new Set([
  "ceo",
  "cto",
  "cfo",
  "coo",
  "cmo",
  "cro",
  "cio",
  "founder",
  "co-founder",
  "cofounder",
  "owner",
  "co-owner",
  "president",
  "chairman",
  "chairwoman",
  "partner",
  "proprietor",
]);

function isDepartmentWord(token: Token): boolean {
  const word = wordOf(token);
  return (
    (departments.has(word) || modifiers.has(word) || token.text === "IT") &&
    !notTitles.has(word) &&
    !connectors.has(word)
  );
}

const connectors = new Set(["of", "&", "and", "/", "for", "-", "+"]);
const notTitles = new Set(["i", "we", "you", "it", "a", "an", "the"]);

export interface TitleReading {
  start: number;
  end: number;
  text: string;
  seniority?: Rank;
}

function wordOf(token: Token | undefined): string {
  return token ? token.normal.replace(/\.$/, "") : "";
}

function isCapitalisedWord(token: Token): boolean {
  return (
    token.kind === "word" &&
    /^\p{Lu}/u.test(token.text) &&
    (token.pos === "PROPN" || token.pos === "NOUN" || token.pos === "ADJ")
  );
}

function isTitleWord(token: Token): boolean {
  const word = wordOf(token);
  if (token.text === "IT") return true;
  if (notTitles.has(word)) return false;
  if (word in heads || modifiers.has(word) || departments.has(word)) return true;
  if (/^c[a-z]{1,2}o$/.test(word) && token.text === token.text.toUpperCase()) return true;
  return isCapitalisedWord(token);
}

/** Rank of the words of a title: the highest role word that heads it. */
export function seniorityOfWords(words: readonly string[]): Rank | undefined {
  const has = (word: string) => words.includes(word);
  const at = (index: number) => words[index] ?? "";
  const found = new Set<Rank>();
  for (let index = 0; index < words.length; index++) {
    const word = at(index);
    if (word === "chief") {
      const officer = words.indexOf("officer", index);
      if (officer > index) found.add("c_suite");
      else if (at(index + 1) === "of" && at(index + 2) === "staff") found.add("director");
      continue;
    }
    if (word === "vice" && (at(index + 1) === "president" || at(index + 1) === "chair")) {
      found.add("vp");
      index++;
      continue;
    }
    if (word === "managing" && (at(index + 1) === "director" || at(index + 1) === "partner")) {
      found.add("c_suite");
      index++;
      continue;
    }
    if (word === "executive" && at(index + 1) === "director") {
      found.add("c_suite");
      index++;
      continue;
    }
    if (word === "general" && at(index + 1) === "manager") {
      found.add("director");
      index++;
      continue;
    }
    if (word === "officer" && words.includes("chief")) continue;
    if (word === "president" && at(index - 1) === "vice") continue;
    const rank = heads[word];
    if (!rank) continue;
    const next = at(index + 1);
    const isLast = index === words.length - 1 || connectors.has(next) || next === ",";
    // "lead engineer" and "head chef" style words lead a title only when they end it or open "of …".
    if ((word === "lead" || word === "head") && !isLast && next !== "of") continue;
    if (word === "head" && words.length === 1) continue;
    if (word === "lead" && index === 0 && next !== "of") continue;
    // "Product Owner" is a team role, not the business's owner; "assistant director" is a director.
    if (word === "owner" && index > 0 && departments.has(at(index - 1))) {
      found.add("individual");
      continue;
    }
    if ((word === "assistant" || word === "associate") && index < words.length - 1 && heads[next]) continue;
    if (word === "executive" && index < words.length - 1 && heads[next]) continue;
    if (word === "partner" && !has("managing") && !has("founding") && !has("general") && !has("senior"))
      continue;
    found.add(rank);
  }
  return rankOrder.find((rank) => found.has(rank));
}

const businesses = new Set([
  "business",
  "company",
  "firm",
  "agency",
  "shop",
  "store",
  "restaurant",
  "practice",
  "clinic",
  "studio",
  "brand",
  "startup",
  "consultancy",
  "franchise",
  "salon",
  "bakery",
  "cafe",
  "gym",
]);

/** "owner of the problem" is not a business owner; "owner of a small agency" / "Owner, Acme" is. */
function ownsABusiness(analysis: Analysis, after: number): boolean {
  const tokens = analysis.tokens;
  if (wordOf(tokens[after]) !== "of") return true;
  for (let position = after + 1; position < Math.min(tokens.length, after + 5); position++) {
    const token = tokens[position]!;
    if (businesses.has(wordOf(token)) || isCapitalisedWord(token)) return true;
  }
  return false;
}

/** The title phrase starting at `index` ("SVP, Global Sales", "Co-Founder & CEO", "Sr. Mgr Demand Gen"). */
export function parseTitleAt(
  analysis: Analysis,
  index: number,
  to = analysis.tokens.length,
  options: { plural?: boolean } = {},
): TitleReading | undefined {
  const tokens = analysis.tokens;
  let position = index;
  const limit = Math.min(to, index + 12);
  let lastWord = -1;
  let lastHead = "";
  const headOf = (token: Token): string | undefined => {
    const word = wordOf(token);
    if (word in heads) return word;
    // "one of the co-founders"
    const singular = word.replace(/s$/, "");
    return options.plural && singular in heads ? singular : undefined;
  };
  while (position < limit) {
    const token = tokens[position]!;
    const word = wordOf(token);
    const head = headOf(token);
    if ((isTitleWord(token) || head) && !connectors.has(word)) {
      if (head) lastHead = head;
      lastWord = position;
      position++;
      continue;
    }
    const next = tokens[position + 1];
    // "CEO of Lumen", "Founder of Tidepool": after a top role, "of" names the company, not a function.
    if (word === "of" && companyHeads.has(lastHead) && next && !departments.has(wordOf(next))) break;
    if (connectors.has(word) && next && (isTitleWord(next) || headOf(next)) && !notTitles.has(wordOf(next))) {
      position++;
      continue;
    }
    // "practice manager", "independent consultant": ordinary words right before a role word.
    const headAhead = [1, 2].find((offset) => {
      const ahead = tokens[position + offset];
      return ahead !== undefined && position + offset < limit && wordOf(ahead) in heads;
    });
    if (
      headAhead !== undefined &&
      token.kind === "word" &&
      ["NOUN", "ADJ", "PROPN"].includes(token.pos) &&
      (headAhead === 1 || ["NOUN", "ADJ", "PROPN"].includes(tokens[position + 1]!.pos))
    ) {
      lastWord = position + headAhead - 1;
      lastHead = wordOf(tokens[lastWord]);
      position += headAhead;
      continue;
    }
    // "SVP, Global Sales": a comma after a role word may introduce its department (never a company).
    if (word === "," && lastHead && next && isDepartmentWord(next)) {
      let probe = position + 1;
      while (probe < limit && isDepartmentWord(tokens[probe]!)) probe++;
      const after = tokens[probe];
      if (
        !after ||
        probe >= to ||
        ["at", "for", "with", ".", ",", "!", ";", "-", "—", "@", "|", "in"].includes(wordOf(after))
      ) {
        position++;
        continue;
      }
    }
    break;
  }
  if (lastWord < index) return undefined;
  if (tokens[lastWord + 1]?.normal === "'s" || tokens[lastWord + 1]?.normal === "’s") return undefined;
  if (wordOf(tokens[lastWord]) === "owner" && !ownsABusiness(analysis, lastWord + 1)) return undefined;
  const words = tokens.slice(index, lastWord + 1).map((token) => headOf(token) ?? wordOf(token));
  const seniority = seniorityOfWords(words);
  // A role word alone that ranks nothing ("a lead from your webinar") is not a title.
  if (!seniority && (words.length < 2 || !words.some((word) => word in heads))) return undefined;
  return {
    start: index,
    end: lastWord + 1,
    text: quote(analysis, index, lastWord + 1),
    ...(seniority ? { seniority } : {}),
  };
}

// Where a title that belongs to the speaker starts. Each pattern ends right before the title.
const selfIntroductions = compilePatterns([
  "this be",
  "i am",
  "i work|serve|act as",
  "i be working as",
  "i be employed as",
  "my job? title|role|position be",
  "my job? title|role|position :",
  "title|role|position :",
  "i be in the role of",
  "ich bin",
  "je suis",
  "soy|yo+soy",
]);
const determiners = new Set([
  "the",
  "a",
  "an",
  "our",
  "their",
  "currently",
  "now",
  "also",
  "actually",
  "just",
  "basically",
  "technically",
  "here",
  "one",
  "of",
  "co",
]);

function skipDeterminers(analysis: Analysis, index: number): number {
  const tokens = analysis.tokens;
  let position = index;
  while (position < tokens.length && position < index + 4) {
    const word = wordOf(tokens[position]);
    // "one of the founders"
    if (word === "one" && wordOf(tokens[position + 1]) !== "of") break;
    if (determiners.has(word)) {
      position++;
      continue;
    }
    // "Acme's CTO"
    if (
      tokens[position + 1]?.normal === "'s" &&
      isCapitalisedWord(tokens[position]!) &&
      !isTitleVocabulary(word)
    ) {
      position += 2;
      continue;
    }
    break;
  }
  return position;
}

/** Between "I'm" and an appositive title only a name and where they work may stand. */
function isNameOrCompanyWord(token: Token): boolean {
  return isCapitalisedWord(token) || ["from", "at", "with", "of", "here", "&", "and"].includes(token.normal);
}

/** Greetings and fillers that may open a sentence before a title ("hi there, IT director at …"). */
const sentenceOpeners = new Set([
  "hi",
  "hey",
  "hello",
  "hiya",
  "there",
  "ok",
  "okay",
  "so",
  "yes",
  "yeah",
  "yep",
  "sure",
  "well",
  "good",
  "morning",
  "afternoon",
  "evening",
  "greetings",
  "and",
  "also",
  "btw",
  "oh",
]);

const titleFollowers = new Set([
  ",",
  "at",
  "@",
  "for",
  "of",
  "in",
  "with",
  "and",
  "(",
  ")",
  ".",
  "!",
  "here",
  "-",
  "—",
  "|",
  "over",
  "on",
]);

/** Roles that work for someone: "Assistant to the CEO". */
const supportingRoles = new Set(["assistant", "advisor", "adviser", "aide", "ea", "pa", "consultant"]);

function endsCleanly(analysis: Analysis, reading: TitleReading): boolean {
  const next = analysis.tokens[reading.end];
  if (next?.normal === "to" && supportingRoles.has(wordOf(analysis.tokens[reading.end - 1]))) return true;
  return (
    !next || next.sentence !== analysis.tokens[reading.start]!.sentence || titleFollowers.has(next.normal)
  );
}

function ownTitleCandidates(analysis: Analysis): { reading: TitleReading; confidence: number }[] {
  const found: { reading: TitleReading; confidence: number }[] = [];
  const tokens = analysis.tokens;
  for (const match of findAny(analysis, selfIntroductions)) {
    const sentence = sentenceOf(analysis, match.start);
    if (isQuestion(analysis, sentence) || isNegated(analysis, match.start, match.end + 1, 0)) continue;
    if (isNegated(analysis, match.end, match.end + 1, 0)) continue;
    const start = skipDeterminers(analysis, match.end);
    // "I'm one of the co-founders": plural role words count after "one of".
    const plural = tokens.slice(match.end, start).some((token) => token.normal === "one");
    // "This is the CEO" is too often "this is the best tool": only "this is Raj, CTO" counts.
    const reading =
      match.pattern.source === "this be"
        ? undefined
        : parseTitleAt(analysis, start, sentence.end, { plural });
    if (reading) {
      found.push({ reading, confidence: 0.9 });
      continue;
    }
    // "I'm Dana Lee, VP Sales at Acme" / "I'm Raj from Acme, head of ops"
    for (let position = match.end; position < Math.min(sentence.end, match.end + 8); position++) {
      const token = tokens[position]!;
      if (token.normal !== "," && token.normal !== "-" && token.normal !== "—" && token.normal !== "(") {
        if (!isNameOrCompanyWord(token)) break;
        continue;
      }
      const appositive = parseTitleAt(analysis, skipDeterminers(analysis, position + 1), sentence.end);
      if (appositive && endsCleanly(analysis, appositive))
        found.push({ reading: appositive, confidence: 0.85 });
      break;
    }
  }
  // "VP Sales at Arclight Solar.", "hey! chief revenue officer at Glint here", "Founder of a 6-person firm."
  for (const sentence of analysis.sentences) {
    let start = sentence.first;
    while (
      start < sentence.end &&
      (sentenceOpeners.has(tokens[start]!.normal) || tokens[start]!.kind === "punctuation")
    )
      start++;
    const reading = parseTitleAt(analysis, start, sentence.end);
    if (reading && endsCleanly(analysis, reading) && !isNegated(analysis, reading.start, reading.end))
      found.push({ reading, confidence: 0.85 });
  }
  // "As Head of Growth, I …"
  for (const sentence of analysis.sentences) {
    const first = tokens[sentence.first];
    if (wordOf(first) !== "as") continue;
    const reading = parseTitleAt(analysis, skipDeterminers(analysis, sentence.first + 1), sentence.end);
    if (reading && tokens[reading.end]?.normal !== "'s") found.push({ reading, confidence: 0.85 });
  }
  return found;
}

/** "Dana Lee, VP Sales" / "— Raj, CTO" / "CTO, Acme": a title that is a whole line or the reply itself. */
function titleLines(context: ReadingContext): { reading: TitleReading; confidence: number }[] {
  const { analysis } = context;
  const found: { reading: TitleReading; confidence: number }[] = [];
  // Lines and "|"-separated segments ("Rosa Delgado | Vice President, Marketing | Orchard & Vale").
  const lines: { from: number; to: number }[] = [];
  let from = 0;
  analysis.tokens.forEach((token, index) => {
    if (index > from && (token.lineStart || token.normal === "|")) {
      lines.push({ from, to: index });
      from = token.normal === "|" ? index + 1 : index;
    }
  });
  lines.push({ from, to: analysis.tokens.length });
  const answering = context.askedSlot === "authority" || context.askedSlot === "company";
  for (const line of lines) {
    const size = line.to - line.from;
    if (size <= 0) continue;
    const isWholeMessage = size === analysis.tokens.length;
    if (isWholeMessage && !answering && size > 6) continue;
    if (isWholeMessage && answering && !context.shortAnswer) continue;
    let start = line.from;
    while (start < line.to && ["-", "—", "–", "~"].includes(analysis.tokens[start]!.normal)) start++;
    const direct = parseTitleAt(analysis, skipDeterminers(analysis, start), line.to);
    if (direct && (direct.end === line.to || endsCleanly(analysis, direct))) {
      found.push({ reading: direct, confidence: answering ? 0.85 : 0.75 });
      continue;
    }
    // "Dana Lee, VP Sales" as a signature line
    if (isWholeMessage) continue;
    const comma = analysis.tokens.slice(line.from, line.to).findIndex((token) => token.normal === ",");
    if (comma > 0 && comma <= 3) {
      const reading = parseTitleAt(analysis, line.from + comma + 1, line.to);
      if (reading) found.push({ reading, confidence: 0.75 });
    }
  }
  return found;
}

const afterNameFillers = new Set([
  "here",
  ",",
  "-",
  "—",
  "–",
  "(",
  "from",
  "at",
  "with",
  "of",
  "&",
  "and",
  "|",
  "/",
]);

/** "Priya here, head of growth" / "Dana Lee (CTO)": a title right after the speaker's own name. */
function titleAfterName(
  analysis: Analysis,
  nameEnd: number | undefined,
): { reading: TitleReading; confidence: number }[] {
  if (nameEnd === undefined) return [];
  const tokens = analysis.tokens;
  const sentence = tokens[nameEnd - 1]?.sentence;
  let position = nameEnd;
  let separated = false;
  while (position < tokens.length && position < nameEnd + 8 && tokens[position]!.sentence === sentence) {
    const token = tokens[position]!;
    if (afterNameFillers.has(token.normal)) {
      separated = separated || token.kind === "punctuation" || token.normal === "here";
      position++;
      continue;
    }
    if (separated) {
      const reading = parseTitleAt(analysis, skipDeterminers(analysis, position), tokens.length);
      if (reading && endsCleanly(analysis, reading)) return [{ reading, confidence: 0.85 }];
    }
    if (!isNameOrCompanyWord(token)) break;
    position++;
  }
  return [];
}

/** The speaker's seniority and job title, when they state it. `nameEnd` ends the speaker's introduced name. */
/** Chat greetings spelt like title abbreviations: only the capitalised "GM" can be a title. */
const greetingAbbreviations = new Set(["gm", "gn", "Gm"]);

/** "gm" (good morning) typed as the whole message is a greeting, not a general manager. */
function isGreeting(context: ReadingContext, reading: TitleReading): boolean {
  if (!greetingAbbreviations.has(reading.text) || context.askedSlot === "authority") return false;
  return context.words === 1;
}

export function readTitle(
  context: ReadingContext,
  nameEnd?: number,
): (SignalOf<"seniority"> | SignalOf<"contact.title">)[] {
  const candidates = [
    ...ownTitleCandidates(context.analysis),
    ...titleAfterName(context.analysis, nameEnd),
    ...titleLines(context),
  ];
  const best = candidates.sort((a, b) => b.confidence - a.confidence)[0];
  if (!best || isGreeting(context, best.reading)) return [];
  const { reading, confidence } = best;
  const signals: (SignalOf<"seniority"> | SignalOf<"contact.title">)[] = [
    { field: "contact.title", value: reading.text, evidence: [reading.text], confidence },
  ];
  if (reading.seniority)
    signals.unshift({ field: "seniority", value: reading.seniority, evidence: [reading.text], confidence });
  return signals;
}

import { z } from "zod";
import type { SignalOf } from "../../core/qualification.js";
import { type Analysis, quote, type Token } from "./analysis.js";
import { isNegated, isQuestion, sentenceOf } from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import { compilePatterns, findAny, type Pattern } from "./phrase-matcher.js";
import { isFirstName, readPersonNameAt } from "./proper-names.js";
import { parseTitleAt } from "./titles.js";

// The speaker's name, email and phone. Names need an introduction ("I'm Dana Lee", "this is Raj
// from Acme", "Dana here", "my name is…", a sign-off); an email or phone number must not belong to
// someone else ("cc my boss at …").

type ContactSignal = SignalOf<"contact.name"> | SignalOf<"contact.email"> | SignalOf<"contact.phone">;

/** Each pattern ends right before the name; these accept lower-case names too. */
const announcedIntroductions = compilePatterns([
  "my name be|'s",
  "my name :",
  "name :",
  "name be",
  "call me",
]);
/** "I'm Dana" is strong; "this is Raj" / "it's Raj" need a known first name or "from/at Acme" after. */
const introductions = compilePatterns(["i am", "this be", "it be"]);
const weakIntroductions = new Set(["this be", "it be"]);
const signOffWords = compilePatterns(["thanks|thank|regards|cheers|best|sincerely|thx|ty|-|—|–|~"]);
const nameFollowers = new Set([
  ",",
  ".",
  "!",
  "from",
  "at",
  "with",
  "here",
  "and",
  "-",
  "—",
  "(",
  ";",
  "&",
  "over",
  "of",
  "i",
  "in",
  "\n",
]);
const thirdPartyOwners = compilePatterns([
  "my|our boss|manager|colleague|colleagues|coworker|co-worker|assistant|ceo|cfo|cto|cmo|vp|director|partner|cofounder|co-founder|team|teammate|friend|wife|husband|admin",
  "him|her|them|his|their",
  "cc|ccing|cc'ing|forward|loop+in|include",
]);
const Email = z.email();
// Phone numbers are a narrow format: optional country code, 9–15 digits in groups.
const phonePattern =
  /(?<![\w$€£¥.,/#-])(\+\d{1,3}[\s.-]?)?(\(\d{2,5}\)[\s.-]?)?\d{2,5}([\s.-]\d{2,5}){1,4}(?![\w%/-])|(?<![\w$€£¥.,/#-])\+\d{9,15}(?!\w)/g;
const phoneCues = compilePatterns([
  "phone|cell|mobile|tel|telephone|number|whatsapp|call|text|ring|reach|contact|sms|landline|direct|line",
]);

const CONFIDENCE = { stated: 0.9, signature: 0.75 } as const;

interface SpeakerName {
  signal: SignalOf<"contact.name">;
  /** Token index right after the name. */
  end: number;
}

function nameAfter(
  context: ReadingContext,
  patterns: readonly Pattern[],
  announced: boolean,
): SpeakerName | undefined {
  const { analysis } = context;
  for (const match of findAny(analysis, patterns)) {
    const sentence = sentenceOf(analysis, match.start);
    if (isQuestion(analysis, sentence) || isNegated(analysis, match.start, match.end + 1, 0)) continue;
    const weak = weakIntroductions.has(match.pattern.source);
    if (weak && sentence.index > 1) continue;
    const reading = readPersonNameAt(analysis, match.end, announced);
    if (!reading) continue;
    const after = analysis.tokens[reading.end];
    const ends = !after || after.sentence !== sentence.index || nameFollowers.has(after.normal);
    if (!ends) continue;
    if (
      weak &&
      !isFirstName(analysis.tokens[reading.start]!.normal) &&
      !["from", "at", "with", "here"].includes(after?.normal ?? "") &&
      !(after?.normal === "," && parseTitleAt(analysis, reading.end + 1))
    )
      continue;
    return {
      signal: {
        field: "contact.name",
        value: reading.value,
        evidence: [quote(analysis, weak ? match.start : reading.start, reading.end)],
        confidence: CONFIDENCE.stated,
      },
      end: reading.end,
    };
  }
  return undefined;
}

/** "Dana here, …" at the start, or a sign-off that ends the message ("Thanks, Dana Lee" / "— Raj"). */
function nameByPosition(analysis: Analysis): SpeakerName | undefined {
  const tokens = analysis.tokens;
  let start = 0;
  while (
    tokens[start] &&
    (["hi", "hello", "hey", "hiya"].includes(tokens[start]!.normal) || tokens[start]!.kind === "punctuation")
  )
    start++;
  const opening = readPersonNameAt(analysis, start, false);
  if (opening && tokens[opening.end]?.normal === "here") {
    return {
      signal: {
        field: "contact.name",
        value: opening.value,
        evidence: [quote(analysis, opening.start, opening.end + 1)],
        confidence: CONFIDENCE.stated,
      },
      end: opening.end + 1,
    };
  }
  // A sign-off in the last two sentences ("Thanks,\nMaria Gonzalez") followed by a name ending the message.
  if (analysis.sentences.length < 2) return undefined;
  const from = analysis.sentences[Math.max(1, analysis.sentences.length - 2)]!.first;
  const signOff = findAny(analysis, signOffWords, from).find((match) => {
    const sentence = sentenceOf(analysis, match.start);
    return match.start <= sentence.first + 1;
  });
  if (!signOff) return undefined;
  let first = signOff.end;
  while (tokens[first] && [",", "!", ".", "you"].includes(tokens[first]!.normal)) first++;
  const signature = readPersonNameAt(analysis, first, false);
  if (!signature || signature.end < tokens.length - 1) return undefined;
  return {
    signal: {
      field: "contact.name",
      value: signature.value,
      evidence: [quote(analysis, signature.start, signature.end)],
      confidence: CONFIDENCE.signature,
    },
    end: signature.end,
  };
}

/** "cc my boss at boss@acme.io", "loop in our CFO: cfo@acme.io": someone else's address. */
function belongsToSomeoneElse(analysis: Analysis, index: number): boolean {
  const sentence = sentenceOf(analysis, index);
  return findAny(analysis, thirdPartyOwners, Math.max(sentence.first, index - 8), index).length > 0;
}

function isMailtoLink(analysis: Analysis, token: Token): boolean {
  const before = analysis.text.slice(Math.max(0, token.start - 7), token.start) + token.text;
  return /mailto:/i.test(before) && analysis.text[token.end] === "?";
}

function readEmail(analysis: Analysis): SignalOf<"contact.email"> | undefined {
  for (const token of analysis.tokens) {
    if (token.kind !== "email") continue;
    // "mailto:info@example.org?subject=Hello" is a pasted link, not an address the speaker gives.
    if (isMailtoLink(analysis, token)) continue;
    const value = token.text.replace(/^mailto:/i, "").replace(/[.,;:]+$/, "");
    if (!Email.safeParse(value).success || belongsToSomeoneElse(analysis, token.index)) continue;
    return {
      field: "contact.email",
      value: value.toLowerCase(),
      evidence: [value],
      confidence: CONFIDENCE.stated,
    };
  }
  return undefined;
}

function readPhone(analysis: Analysis): SignalOf<"contact.phone"> | undefined {
  for (const found of analysis.text.matchAll(phonePattern)) {
    const text = found[0].trim();
    const digits = text.replace(/\D/g, "");
    if (digits.length < 9 || digits.length > 15) continue;
    const at = found.index ?? 0;
    const token = analysis.tokens.find((candidate) => candidate.end > at);
    if (!token) continue;
    const sentence = sentenceOf(analysis, token.index);
    const formatted =
      text.startsWith("+") || text.includes("(") || /^\d{3}[\s.-]\d{3,4}[\s.-]\d{4}$/.test(text);
    const cued = findAny(analysis, phoneCues, sentence.first, sentence.end).length > 0;
    if (!formatted && !cued) continue;
    if (belongsToSomeoneElse(analysis, token.index)) continue;
    return { field: "contact.phone", value: text, evidence: [text], confidence: CONFIDENCE.stated };
  }
  return undefined;
}

/** The name the speaker introduces themselves with, and where it ends (a title may follow). */
export function readSpeakerName(context: ReadingContext): SpeakerName | undefined {
  return (
    nameAfter(context, announcedIntroductions, true) ??
    nameAfter(context, introductions, false) ??
    nameByPosition(context.analysis)
  );
}

export function readContact(context: ReadingContext, speaker = readSpeakerName(context)): ContactSignal[] {
  const { analysis } = context;
  return [speaker?.signal, readEmail(analysis), readPhone(analysis)].filter(
    (signal): signal is ContactSignal => signal !== undefined,
  );
}

import type { Disqualifier, SignalOf } from "../../core/qualification.js";
import { type Analysis, quote } from "./analysis.js";
import { clauseAround, isHypothetical, isNegated, isRetracted, sentenceOf } from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import {
  atOurCompany,
  buyerCues,
  commerceTerms,
  competitorPatterns,
  customerPatterns,
  jobSeekerPatterns,
  jobSeekerWaiting,
  offerPatterns,
  ownChannel,
  pitchPatterns,
  problemWords,
  rivalInsiders,
  shoppingCues,
  shopTalk,
  spamStrong,
  spamTerms,
  studentPatterns,
  supportPatterns,
  worksSomewhere,
} from "./disqualifier-phrases.js";
import { findAny, type Match, type Pattern } from "./phrase-matcher.js";

// Conversations that are not sales leads: students, job seekers, competitors, vendors pitching us,
// existing customers needing support, spam. Each needs the prospect saying it about themselves in
// the present: "I was a student once", "we're hiring SDRs" and "are you hiring? jk" are not.

const organisationVoice = new Set(["we", "our", "us"]);

/** "student housing", "student loans": a noun after "student" makes it a modifier, not a person. */
const studentModified = new Set(["NOUN", "PROPN", "ADJ"]);

const CONFIDENCE = { stated: 0.9, pattern: 0.8 } as const;

/** Statements about the speaker; `negationInside` patterns spell their own "not" ("can't log in"). */
function factualMatches(analysis: Analysis, patterns: readonly Pattern[], negationInside = false): Match[] {
  return findAny(analysis, patterns).filter((match) => {
    const negated = negationInside
      ? isNegated(analysis, match.start, match.start, 2)
      : isNegated(analysis, match.start, match.end);
    return !negated && !isHypothetical(analysis, match.start) && !isRetracted(analysis, match.start);
  });
}

function signal(
  value: Disqualifier,
  analysis: Analysis,
  match: Match,
  confidence: number = CONFIDENCE.stated,
): SignalOf<"disqualifier"> {
  return { field: "disqualifier", value, evidence: [quote(analysis, match.start, match.end)], confidence };
}

function student(analysis: Analysis): Match | undefined {
  return factualMatches(analysis, studentPatterns).find((match) => {
    // "I was a student once" is the past; "a student of the game" an idiom; "student housing" a noun.
    const clause = clauseAround(analysis, sentenceOf(analysis, match.start), match.start);
    if (analysis.tokens.slice(clause.from, match.end).some((token) => pastMarkers.has(token.normal)))
      return false;
    const last = analysis.tokens[match.end - 1]!;
    const next = analysis.tokens[match.end];
    // "I'm in year 3 of running the business": a year of something else.
    if (last.kind === "number" && next?.normal === "of") return false;
    // "we're studying options at our school": an organisation, not a student.
    if (
      analysis.tokens[match.start]?.normal === "studying" &&
      analysis.tokens.slice(clause.from, match.end).some((token) => organisationVoice.has(token.normal))
    )
      return false;
    if (last.lemma !== "student" || !next || next.sentence !== last.sentence) return true;
    if (next.normal === "of" && analysis.tokens[match.end + 1]?.normal === "the") return false;
    return !studentModified.has(next.pos);
  });
}

function supportRequest(analysis: Analysis): Match | undefined {
  if (findAny(analysis, shoppingCues).length > 0) return undefined;
  const direct = factualMatches(analysis, supportPatterns, true)[0];
  if (direct) return direct;
  const customer = factualMatches(analysis, customerPatterns)[0];
  if (!customer) return undefined;
  return findAny(analysis, problemWords).length > 0 ? customer : undefined;
}

/** "we also offer live chat on our site": a business serving its own visitors, not a rival product. */
function offeredToOwnCustomers(analysis: Analysis, match: Match): boolean {
  return findAny(analysis, ownChannel, match.end, Math.min(analysis.tokens.length, match.end + 4)).some(
    (other) => other.start === match.end,
  );
}

/** "haven't heard back": only about their application, so the "not" is part of the phrase. */
function jobSeekerWaitingOnApplication(analysis: Analysis): Match | undefined {
  const waiting = factualMatches(analysis, jobSeekerWaiting, true)[0];
  if (!waiting) return undefined;
  return /\b(application|applied|interview(ed)?|resume|cv)\b/i.test(analysis.text) ? waiting : undefined;
}

/** "I used to work at Intercom", "a former Drift PM": where they were is not where they are. */
const pastMarkers = new Set([
  "used",
  "former",
  "formerly",
  "previously",
  "ex",
  "ex-",
  "was",
  "were",
  "left",
  "until",
]);

function saidOfThePast(analysis: Analysis, match: Match): boolean {
  const clause = clauseAround(analysis, sentenceOf(analysis, match.start), match.start);
  return analysis.tokens.slice(clause.from, match.end).some((token) => pastMarkers.has(token.normal));
}

function rivalInsider(analysis: Analysis): Match | undefined {
  return factualMatches(analysis, rivalInsiders).find((match) => !saidOfThePast(analysis, match));
}

function shopTalkFromInsider(analysis: Analysis): Match | undefined {
  const talk = factualMatches(analysis, shopTalk)[0];
  return talk && findAny(analysis, worksSomewhere).length > 0 ? talk : undefined;
}

function vendorPitch(analysis: Analysis): Match | undefined {
  const pitch = factualMatches(analysis, pitchPatterns)[0];
  if (pitch) return pitch;
  // "We help dentists grow. We need a bot for our site, open to a call?": a business describing itself to buy.
  if (findAny(analysis, buyerCues).length > 0) return undefined;
  const offer = factualMatches(analysis, offerPatterns)[0];
  if (!offer) return undefined;
  return findAny(analysis, atOurCompany).length > 0 ? offer : undefined;
}

const vowels = /[aeiouyàáâäãåæéèêëíìîïóòôöõøœúùûüý]/;
const keyboardRuns = [
  "qwert",
  "werty",
  "asdf",
  "sdfg",
  "dfgh",
  "fghj",
  "ghjk",
  "hjkl",
  "zxcv",
  "xcvb",
  "cvbn",
  "vbnm",
  "yuio",
  "uiop",
];

/** Keyboard mashing: no vowels, long consonant runs, keyboard rows, or one letter over and over. */
function isMash(word: string): boolean {
  if (word.length < 4) return false;
  if (!vowels.test(word)) return true;
  if (/(.)\1{3,}/.test(word)) return true;
  if (keyboardRuns.some((run) => word.includes(run))) return true;
  return /[^aeiouyàáâäãåæéèêëíìîïóòôöõøœúùûüý]{5,}/.test(word);
}

/** Gibberish ("asdkjh zxmcnv qwpo") or a promo stuffed with spam terms and links. */
function spam(analysis: Analysis): string | undefined {
  const strong = findAny(analysis, spamStrong)[0];
  if (strong) return quote(analysis, strong.start, strong.end);
  const links = analysis.tokens.filter((token) => token.kind === "url").length;
  const terms = [...findAny(analysis, spamTerms), ...(links > 0 ? findAny(analysis, commerceTerms) : [])];
  // A message that is mostly a list of links is a promo even with one junk word.
  const linkScore = links >= 3 ? 2 : Math.min(links, 1);
  const shouting = /[$!]{3,}|✔{2,}|💰|🤑|🔥{2,}/u.test(analysis.text);
  const score = new Set(terms.map((term) => term.pattern.source)).size + linkScore + (shouting ? 1 : 0);
  if (terms.length > 0 && score >= 3) return quote(analysis, terms[0]!.start, terms[0]!.end);
  // Foreign languages are real words with vowels; mashing is not.
  const words = analysis.tokens.filter((token) => token.kind === "word" && /^\p{L}{3,}$/u.test(token.text));
  const mashed = words.filter((token) => isMash(token.normal));
  if (mashed.length >= 2 && mashed.length / words.length >= 0.6) return analysis.text.trim().slice(0, 200);
  return undefined;
}

export function readDisqualifiers(context: ReadingContext): SignalOf<"disqualifier">[] {
  const { analysis } = context;
  const signals: SignalOf<"disqualifier">[] = [];
  const studentMatch = student(analysis);
  if (studentMatch) signals.push(signal("student", analysis, studentMatch));
  const jobSeeker = factualMatches(analysis, jobSeekerPatterns)[0] ?? jobSeekerWaitingOnApplication(analysis);
  if (jobSeeker) signals.push(signal("job_seeker", analysis, jobSeeker));
  const competitor =
    factualMatches(analysis, competitorPatterns).find(
      (match) => !offeredToOwnCustomers(analysis, match) && !saidOfThePast(analysis, match),
    ) ??
    rivalInsider(analysis) ??
    shopTalkFromInsider(analysis);
  if (competitor) signals.push(signal("competitor", analysis, competitor));
  const junk = spam(analysis);
  // Bulk junk ("best backlinks cheap" + links) is spam; calling it a pitch too adds nothing.
  const vendor = junk ? undefined : vendorPitch(analysis);
  if (vendor) signals.push(signal("vendor", analysis, vendor, CONFIDENCE.pattern));
  const support = supportRequest(analysis);
  if (support) signals.push(signal("support_request", analysis, support, CONFIDENCE.pattern));
  if (junk)
    signals.push({ field: "disqualifier", value: "spam", evidence: [junk], confidence: CONFIDENCE.pattern });
  return signals;
}

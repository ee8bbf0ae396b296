import type { NeedStatus, SignalOf } from "../../core/qualification.js";
import { type Analysis, quote } from "./analysis.js";
import { clauseAround, isHypothetical, isNegated, isQuestion, sentenceOf } from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import {
  futureNeedCues,
  latentCues,
  mitigations,
  negativePainCues,
  noneCues,
  painCues,
} from "./need-phrases.js";
import {
  answerToNeedQuestion,
  backReferenceReadings,
  contentReadings,
  marketReadings,
  painReadings,
  simpleReadings,
  wantReadings,
} from "./need-readings.js";
import { hasDomainWord, isDomainToken, type Reading } from "./need-text.js";
import { findAny } from "./phrase-matcher.js";
import { answerWord } from "./short-answers.js";

// Need: an explicit pain or use case in the prospect's own words ("our reps waste hours qualifying
// leads", "we need to automate lead routing"), vague interest, a hedged or coped-with pain ("curious
// what this does", "it's clunky but it gets the job done"), or none ("we're fine with what we have").
// An explicit need must be about work the product could touch: "I need a coffee" and "I need to
// talk to someone" are not needs.

const CONFIDENCE = { explicit: 0.85, latent: 0.75, none: 0.8, answer: 0.75 } as const;

const curiosityTag = /^just (curious|wondering|asking)$/i;

/**
 * A bare "just curious" tagged onto a question ("is this bot GPT-based? just curious") qualifies
 * the question, not the prospect's interest in buying.
 */
function isCuriosityTag(analysis: Analysis, reading: Reading): boolean {
  if (!curiosityTag.test(reading.evidence.trim())) return false;
  const sentence = sentenceOf(analysis, reading.start);
  const clause = clauseAround(analysis, sentence, reading.start);
  const restOfClause = analysis.tokens
    .slice(reading.start, clause.to)
    .filter((token) => token.kind === "word" && !curiosityTag.test(`just ${token.normal}`));
  if (restOfClause.length > 1) return false;
  return analysis.sentences.some((other) => isQuestion(analysis, other));
}

const speakerWords = new Set([
  "we",
  "us",
  "our",
  "ours",
  "i",
  "me",
  "my",
  "mine",
  "team",
  "company",
  "business",
]);

/** Who does the work in "how you handle…", "how the bot decides…": the product, not the prospect. */
const productSubjects = new Set(["you", "your", "this", "it", "the", "qualbot", "y'all", "u"]);

/**
 * "just curious how this works", "curious how you handle routing": curiosity about the product's
 * workings says nothing about the prospect's own situation, unlike "curious what this could do for
 * a team like ours".
 */
function isCuriosityAboutTheProduct(analysis: Analysis, reading: Reading): boolean {
  if (!/\bcurious\b/i.test(reading.evidence)) return false;
  const sentence = sentenceOf(analysis, reading.start);
  const clause = clauseAround(analysis, sentence, reading.start);
  const rest = analysis.tokens.slice(reading.start, clause.to);
  const curious = rest.findIndex((token) => token.normal === "curious");
  const asked = rest.slice(curious + 1);
  // "curious what this does" is interest in what it could do; "how" asks about the workings.
  if (asked[0]?.normal !== "how") return false;
  if (asked.some((token) => speakerWords.has(token.normal))) return false;
  // "how you handle GDPR requests", "how your scoring works": the product's workings, whatever the topic.
  if (productSubjects.has(asked[1]?.normal ?? "")) return true;
  return !asked.some((token) => isDomainToken(token));
}

/** "…it's clunky but it gets the job done": the prospect copes with the pain. */
function copesWithPain(analysis: Analysis): Reading | undefined {
  const match = findAny(analysis, mitigations).find(
    (candidate) =>
      !isNegated(analysis, candidate.start, candidate.end) &&
      !isQuestion(analysis, sentenceOf(analysis, candidate.start)) &&
      !isHypothetical(analysis, candidate.start),
  );
  return match
    ? { status: "latent", kind: "cue", evidence: quote(analysis, match.start, match.end), start: match.start }
    : undefined;
}

/** "paying $49/month for Tidio now and it's fine": content with what they use, so no need. */
function contentWithCurrentTool(analysis: Analysis): Reading | undefined {
  const coping = copesWithPain(analysis);
  if (!coping) return undefined;
  const sentence = sentenceOf(analysis, coping.start);
  if (!hasDomainWord(analysis, sentence.first, sentence.end)) return undefined;
  const inUse = analysis.tokens
    .slice(sentence.first, sentence.end)
    .some((token) => ["use", "pay", "run"].includes(token.lemma) && token.pos === "VERB");
  return inUse ? { ...coping, status: "none" } : undefined;
}

function allReadings(context: ReadingContext): Reading[] {
  const { analysis } = context;
  const readings: Reading[] = [];
  for (const sentence of analysis.sentences) {
    readings.push(
      ...wantReadings(analysis, sentence),
      ...marketReadings(analysis, sentence),
      ...backReferenceReadings(analysis, sentence),
      ...painReadings(analysis, sentence, painCues, false),
      ...painReadings(analysis, sentence, negativePainCues, true),
      ...simpleReadings(analysis, sentence, noneCues, "none"),
      ...contentReadings(analysis, sentence, context.askedSlot === "need"),
      ...simpleReadings(analysis, sentence, latentCues, "latent"),
    );
  }
  if (readings.length === 0) readings.push(...answerToNeedQuestion(context), ...acceptedOffer(context));
  return readings;
}

/** The bot offered the product's work: "Would you like to route wholesale leads separately?" */
const offerQuestion =
  /\b(would|do|did) you (like|want|need)\b|\bwould (it|that|this|a bot|something like that)\b[^?]*\bhelp\b|\bis that something\b|\bare you looking\b/i;
const offeredWork =
  /\b(leads?|rout\w*|qualif\w*|book\w*|meetings?|chats?|inbound|follow[- ]?ups?|screen\w*|filter\w*|triag\w*|sort\w*|automat\w*|respon\w*|schedul\w*|inquir\w*|enquir\w*|capture)\b/i;

/** "Do you want me to book a meeting with sales?": our next step, not the prospect's need. */
const offersOurAction = /\b(me|us|someone|somebody) to\b/i;
const hedgedReply = /\b(probably|maybe|perhaps|might|possibly|not sure)\b/i;

/** "yes please, that's the main thing" to the bot offering lead work: the prospect wants it. */
function acceptedOffer(context: ReadingContext): Reading[] {
  const bot = context.lastBotText;
  if (!bot || !context.shortAnswer) return [];
  const question =
    bot
      .split(/(?<=[.!?])\s+/)
      .filter((sentence) => sentence.includes("?"))
      .pop() ?? bot;
  if (!offerQuestion.test(question) || !offeredWork.test(question) || offersOurAction.test(question))
    return [];
  if (hedgedReply.test(context.analysis.text)) return [];
  const answer = answerWord(context.analysis);
  if (answer?.kind !== "yes") return [];
  return [{ status: "explicit", kind: "want", evidence: answer.quote, start: 0 }];
}

function needSignal(status: NeedStatus, readings: readonly Reading[]): SignalOf<"need">[] {
  const confidence =
    status === "explicit" ? CONFIDENCE.explicit : status === "none" ? CONFIDENCE.none : CONFIDENCE.latent;
  const pains = [...new Set(readings.flatMap((reading) => (reading.pain ? [reading.pain] : [])))].slice(
    0,
    10,
  );
  const evidence = [...new Set(readings.map((reading) => reading.evidence))];
  return [
    {
      field: "need",
      value: status === "explicit" && pains.length > 0 ? { status, pains } : { status },
      evidence,
      confidence,
    },
  ];
}

/** Whether and what the prospect needs, with pains in their own words. */
export function readNeed(context: ReadingContext): SignalOf<"need">[] {
  const { analysis } = context;
  const readings = allReadings(context);
  const of = (status: NeedStatus) =>
    readings.filter((reading) => reading.status === status).sort((a, b) => a.start - b.start);
  const none = of("none");
  const latent = of("latent");
  // "Not sure we need anything, but our follow-up is kinda all over the place": doubt turns pains into interest.
  const doubted = [...none, ...latent].some((reading) =>
    /not sure (we|i) (really )?need/i.test(reading.evidence),
  );
  // A pain inside a disclaimer ("not sure we have a problem you can solve") is no pain.
  const disclaimed = (reading: Reading) => {
    const clause = clauseAround(analysis, sentenceOf(analysis, reading.start), reading.start);
    return none.some((other) => other.start >= clause.from && other.start <= reading.start);
  };
  const explicit = doubted ? [] : of("explicit").filter((reading) => !disclaimed(reading));
  // A pain they cope with ("it's clunky but it gets the job done") is interest; a stated wish is not.
  const coping = explicit.some((reading) => reading.kind === "pain") ? copesWithPain(analysis) : undefined;
  const wishes = coping ? explicit.filter((reading) => reading.kind !== "pain") : explicit;

  if (wishes.length > 0) return needSignal("explicit", wishes);
  if (coping) return needSignal("latent", [explicit[0]!, coping]);
  if (doubted && (latent.length > 0 || of("explicit").length > 0))
    return needSignal("latent", [latent[0] ?? of("explicit")[0]!]);
  const interest = latent.filter(
    (reading) => !isCuriosityTag(analysis, reading) && !isCuriosityAboutTheProduct(analysis, reading),
  );
  // "we're fine for now, maybe down the line": a need placed in the future outweighs today's "fine".
  const placedLater = findAny(analysis, futureNeedCues).some(
    (match) =>
      !isQuestion(analysis, sentenceOf(analysis, match.start)) && !isHypothetical(analysis, match.start),
  );
  if (placedLater && interest.length > 0) return needSignal("latent", [interest[0]!]);
  // "just curious, no real need right now": the disclaimer outweighs the curiosity.
  const chosen = none[0] ?? interest[0] ?? contentWithCurrentTool(analysis);
  return chosen ? needSignal(chosen.status, [chosen]) : [];
}

import type { AuthorityStatus, SignalOf } from "../../core/qualification.js";
import { type Analysis, quote } from "./analysis.js";
import {
  decisionMaker,
  influencerBySpeaker,
  influencerStrong,
  influencerWeak,
  jointDecision,
  loopingIn,
  meAnswers,
  ownsDecisionQuestion,
  purchaseDecisionWords,
  selfAsDecider,
  selfNamedAnswers,
  shortMeAnswers,
  thirdPartyAnswers,
  userInPurchaseTalk,
  userPatterns,
  vagueConsultation,
  whoDecidesQuestion,
} from "./authority-phrases.js";
import {
  clauseAround,
  isHypothetical,
  isNegated,
  isQuestion,
  isQuestionAt,
  isRetracted,
  sentenceOf,
} from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import { findAny, type Match, type Pattern } from "./phrase-matcher.js";
import { answerWord } from "./short-answers.js";

// Buying authority. Explicit statements are firm: "I sign off on tools like this" (decision maker),
// "I'd need sign-off from our CFO", "I'm pulling options together for my boss" (influencer),
// "I'd just be the one using it" (user). A c-suite, founder or owner title only suggests decision
// power, so that inference is weak and any explicit statement overrides it.

const CONFIDENCE = {
  stated: 0.9,
  weak: 0.8,
  negatedDecision: 0.8,
  answer: 0.8,
  inferredFromTitle: 0.6,
} as const;

const formerWords = new Set(["old", "former", "previous", "ex", "prior"]);

/** "my old boss used to sign off on everything": a past habit or a former boss, not this purchase. */
function isPastHabit(analysis: Analysis, match: Match): boolean {
  const span = analysis.tokens.slice(Math.max(0, match.start - 2), match.end);
  if (span.some((token, index) => token.normal === "used" && span[index + 1]?.normal === "to")) return true;
  return span.slice(0, 3).some((token) => formerWords.has(token.normal));
}

function statements(analysis: Analysis, patterns: readonly Pattern[]): Match[] {
  return findAny(analysis, patterns).filter((match) => {
    return (
      !isQuestionAt(analysis, match.start) &&
      !isPastHabit(analysis, match) &&
      !isHypothetical(analysis, match.start) &&
      !isRetracted(analysis, match.start)
    );
  });
}

function signal(
  analysis: Analysis,
  status: AuthorityStatus,
  match: Match,
  confidence: number,
): SignalOf<"authority"> {
  return {
    field: "authority",
    value: { status },
    evidence: [quote(analysis, match.start, match.end)],
    confidence,
  };
}

const negationWords = new Set(["not", "no", "nothing", "zero", "never"]);

function spellsNegation(match: Match): boolean {
  return match.pattern.source
    .split(/\s+/)
    .some((step) => step.split("|").some((word) => negationWords.has(word.replace(/\?$/, ""))));
}

/**
 * Tiers, strongest first: using it without a say; someone else signs; "I decide"; involvement.
 * A negated decision ("I don't own the purchase") means someone else decides: influencer.
 */
function explicitAuthority(
  analysis: Analysis,
  answeringAuthority: boolean,
): SignalOf<"authority"> | undefined {
  const firm = (patterns: readonly Pattern[]) =>
    statements(analysis, patterns).find(
      (match) => spellsNegation(match) || !isNegated(analysis, match.start, match.end),
    );
  const user =
    firm(userPatterns) ??
    statements(analysis, userInPurchaseTalk).find((match) => aboutThePurchase(analysis, match));
  if (user) return signal(analysis, "user", user, CONFIDENCE.stated);
  // "me and the ops director decide this together": one of the deciders, before "the director decides".
  const joint = firm(jointDecision);
  if (joint) return signal(analysis, "decision_maker", joint, CONFIDENCE.stated);
  const strong =
    firm(influencerStrong) ??
    statements(analysis, influencerBySpeaker).find(
      (match) => saidBySpeaker(analysis, match) && !isNegated(analysis, match.start, match.end),
    );
  if (strong) return signal(analysis, "influencer", strong, CONFIDENCE.stated);
  const consultation = firm(vagueConsultation);
  if (consultation && (answeringAuthority || aboutThePurchase(analysis, consultation)))
    return signal(analysis, "influencer", consultation, CONFIDENCE.weak);
  const decisions = statements(analysis, decisionMaker).filter((match) => !isOtherDecision(analysis, match));
  const decision = decisions.find((match) => !isNegated(analysis, match.start, match.end));
  if (decision) return signal(analysis, "decision_maker", decision, CONFIDENCE.stated);
  const looped = statements(analysis, loopingIn).find(
    (match) => saidBySpeaker(analysis, match) && !isNegated(analysis, match.start, match.end),
  );
  if (looped) return signal(analysis, "influencer", looped, CONFIDENCE.stated);
  const negatedDecision = decisions[0];
  if (negatedDecision) return signal(analysis, "influencer", negatedDecision, CONFIDENCE.negatedDecision);
  const weak = firm(influencerWeak);
  if (weak) return signal(analysis, "influencer", weak, CONFIDENCE.weak);
  return undefined;
}

const speakerWords = new Set(["i", "me", "my", "we", "myself"]);

/** The speaker is the subject of the clause: "I'll be making a recommendation", "my job is to…". */
function saidBySpeaker(analysis: Analysis, match: Match): boolean {
  const { from } = clauseAround(analysis, sentenceOf(analysis, match.start), match.start);
  return analysis.tokens.slice(from, match.end).some((token) => speakerWords.has(token.normal));
}

/** What a decision may be about and still be this purchase: "I sign off on tools like this", "it's my call". */
const purchaseObjects = new Set([
  "it",
  "this",
  "that",
  "these",
  "those",
  "tool",
  "tools",
  "tooling",
  "software",
  "purchase",
  "purchases",
  "purchasing",
  "buying",
  "vendor",
  "vendors",
  "contract",
  "contracts",
  "budget",
  "budgets",
  "spend",
  "spending",
  "platform",
  "platforms",
  "solution",
  "solutions",
  "system",
  "systems",
  "subscription",
  "subscriptions",
  "license",
  "licenses",
  "deal",
  "deals",
  "chatbot",
  "bot",
  "crm",
  "stack",
  "tech",
  "technology",
  "apps",
  "services",
  "investment",
  "investments",
  "anything",
  "everything",
  "one",
  "ones",
]);
/** Words that start what a decision is about: "I decide the playlist", "my call what we order". */
const objectOpeners = new Set(["on", "what", "which", "the", "our", "my", "about", "for", "who", "where"]);

/**
 * "I decide the playlist", "I sign off on the team's vacation requests", "it's my call what we order
 * for lunch": the decision names its object, and the object is not a purchase.
 */
function decidesSomethingElse(analysis: Analysis, match: Match): boolean {
  // "I own the budget for sales tooling": the statement names the purchase itself.
  const named = analysis.tokens.slice(match.start, match.end);
  if (named.some((token) => token.pos === "NOUN" && purchaseObjects.has(token.normal))) return false;
  const next = analysis.tokens[match.end];
  if (!next || next.sentence !== analysis.tokens[match.start]!.sentence) return false;
  const startsObject = objectOpeners.has(next.normal) || next.pos === "NOUN";
  if (!startsObject) return false;
  const sentence = sentenceOf(analysis, match.start);
  const { to } = clauseAround(analysis, sentence, match.end);
  const object = analysis.tokens
    .slice(match.end, Math.min(to, match.end + 8))
    .filter((token) => token.kind === "word");
  if (!object.some((token) => token.pos === "NOUN" || token.pos === "PROPN")) return false;
  if (findAny(analysis, purchaseDecisionWords, match.end, Math.min(to, match.end + 8)).length > 0)
    return false;
  return !object.some((token) => purchaseObjects.has(token.normal));
}

/** "I decided to reach out", "I approve of the tone": a decision about something else, or an opinion. */
function isOtherDecision(analysis: Analysis, match: Match): boolean {
  if (decidesSomethingElse(analysis, match)) return true;
  const last = analysis.tokens[match.end - 1]!;
  const next = analysis.tokens[match.end];
  if (!["decide", "approve"].includes(last.lemma)) return false;
  if (next?.normal === "to" || next?.normal === "of") return true;
  // "I'll decide later if I want a demo": a decision about something named after it.
  const after = analysis.tokens.slice(match.end, match.end + 3).map((token) => token.normal);
  if (after.includes("if") || after.includes("whether")) return true;
  return last.normal === "decided" || last.normal === "approved";
}

function aboutThePurchase(analysis: Analysis, match: Match): boolean {
  const sentence = sentenceOf(analysis, match.start);
  return findAny(analysis, purchaseDecisionWords, sentence.first, sentence.end).length > 0;
}

/** "I'm the owner": the role named is the speaker's own, not someone else's. */
function namesTheSpeaker(analysis: Analysis, match: Match): boolean {
  const verb = analysis.tokens[match.start - 1];
  const subject = analysis.tokens[match.start - 2];
  return verb?.lemma === "be" && subject?.normal === "i";
}

/**
 * The speaker names themselves later in a short answer to "who decides?": "I'm the owner so yeah, me",
 * "I do, along with our head of sales", "my business partner and I", "I'm the founder".
 */
function selfNamedDecider(context: ReadingContext): Match | undefined {
  const { analysis } = context;
  if (!context.lastBotText || !whoDecidesQuestion.test(context.lastBotText)) return undefined;
  const named = [...findAny(analysis, selfNamedAnswers), ...findAny(analysis, selfAsDecider)];
  return named.find(
    (match) => !isNegated(analysis, match.start, match.end) && !isQuestionAt(analysis, match.start),
  );
}

/** "the owner" / "me" / "me and our CEO" / "yes" right after the bot asked who decides. */
function answerToAuthorityQuestion(context: ReadingContext): SignalOf<"authority"> | undefined {
  const { analysis } = context;
  if (context.askedSlot !== "authority" || !context.shortAnswer) return undefined;
  const first = analysis.sentences[0];
  if (!first || isQuestion(analysis, first)) return undefined;
  const limit = Math.min(first.end, first.first + 4);
  const me = findAny(analysis, meAnswers, first.first, limit)[0];
  if (me && me.start <= first.first + 1 && !isNegated(analysis, me.start, me.end))
    return signal(analysis, "decision_maker", me, CONFIDENCE.answer);
  const selfNamed = selfNamedDecider(context);
  if (selfNamed) return signal(analysis, "decision_maker", selfNamed, CONFIDENCE.answer);
  const third = findAny(analysis, thirdPartyAnswers, first.first, limit).find(
    (match) => !namesTheSpeaker(analysis, match),
  );
  if (third) return signal(analysis, "influencer", third, CONFIDENCE.answer);
  const shortMe = context.words <= 3 ? findAny(analysis, shortMeAnswers, first.first, limit)[0] : undefined;
  if (shortMe) return signal(analysis, "decision_maker", shortMe, CONFIDENCE.answer);
  if (context.lastBotText && ownsDecisionQuestion.test(context.lastBotText)) {
    const answer = answerWord(analysis);
    const status =
      answer?.kind === "yes" ? "decision_maker" : answer?.kind === "no" ? "influencer" : undefined;
    if (answer && status)
      return {
        field: "authority",
        value: { status },
        evidence: [answer.quote],
        confidence: CONFIDENCE.answer,
      };
  }
  return undefined;
}

/**
 * The prospect's buying authority. `titleSignals` are this message's title readings: a c-suite
 * title with no explicit statement suggests a decision maker, weakly.
 */
export function readAuthority(
  context: ReadingContext,
  titleSignals: readonly (SignalOf<"seniority"> | SignalOf<"contact.title">)[],
): SignalOf<"authority">[] {
  const answeringAuthority = context.askedSlot === "authority" && context.shortAnswer;
  const explicit =
    explicitAuthority(context.analysis, answeringAuthority) ?? answerToAuthorityQuestion(context);
  if (explicit) return [explicit];
  const seniority = titleSignals.find((entry): entry is SignalOf<"seniority"> => entry.field === "seniority");
  if (seniority?.value === "c_suite") {
    return [
      {
        field: "authority",
        value: { status: "decision_maker" },
        evidence: seniority.evidence,
        confidence: CONFIDENCE.inferredFromTitle,
      },
    ];
  }
  return [];
}

import type { AuthorityStatus, SignalOf } from "../../core/qualification.js";
import { type Analysis, quote } from "./analysis.js";
import { isHypothetical, isNegated, isQuestion, isRetracted, sentenceOf } from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import { compilePatterns, findAny, type Match, type Pattern } from "./phrase-matcher.js";
import { answerWord } from "./short-answers.js";

// Buying authority. Explicit statements are firm: "I sign off on tools like this" (decision maker),
// "I'd need sign-off from our CFO", "I'm pulling options together for my boss" (influencer),
// "I'd just be the one using it" (user). A c-suite, founder or owner title only suggests decision
// power, so that inference is weak and any explicit statement overrides it.

const decisionMaker = compilePatterns([
  "i make|take * decision|decisions|call|calls",
  "i be the|a? decision-maker|decision+maker|decider|budget+holder|buyer|approver|signatory",
  "i be the one * decide|decides|deciding|sign|signs|signing|approve|approves|approving|make|makes|making|buy|buying",
  "i will|would be the one * decide|deciding|sign|signing|approve|approving|make|making",
  "i sign off",
  "i sign-off|signoff|approve|decide|decides",
  "i can|will|would|do sign off",
  "i can|will|would|do sign-off|signoff|approve|decide",
  "i can|will|do sign the|a? contract|contracts|deal|po|order",
  "i do|does|did|can|could? not? own|control|manage|hold|run * budget|budgets|purse|purchase|purchasing|decision",
  "i have the|full|final|budget|signing? say|authority|sign-off",
  "i have the final word",
  "it|that be|would|will be? my call|decision|choice|budget",
  "the|final call|decision|budget|say be mine",
  "up to me",
  "i call the shots",
  "i be the boss",
  "c'est moi qui décide|decide",
]);
/** Who decides, when it is someone other than the speaker. */
const deciders =
  "boss|manager|cfo|ceo|cto|coo|cro|cmo|cno|md|gm|vp|director|head|leadership|board|founder|cofounder|co-founder|owner|management|procurement|finance|committee|partners|executives|exec|execs|president|superior|supervisor|marketing|sales|it|legal|ops|operations|hr|they|he|she";
/** Someone else signs: the speaker shapes the choice. These outweigh "I decide". */
const influencerStrong = compilePatterns([
  "need|needs|require|requires|get|getting|have|seek|seeking|want * sign-off|signoff|approval|approvals|buy-in|blessing|ok|okay from|by",
  "need|needs|require|requires|get|getting * sign off from|by",
  "need|needs|require|requires|get|getting * green light from",
  "need|needs|require|requires my|our|the _ to approve|okay|ok|greenlight",
  "need|needs|require|requires my|our|the _ to sign off",
  `run it|this|that by|past my|our|the? ${deciders}`,
  `have|need|got to check|talk|discuss|consult|confer|clear * with my|our|the? ${deciders}`,
  // Present or future only: "finance approved 80k" is a budget, not who decides.
  `${deciders} ,? who|that? =decide|=decides|=deciding|=approve|=approves|=greenlight|=greenlights|=signs|=sign`,
  `${deciders} * =decide|=decides|=approve|=approves|=signs|=sign`,
  `${deciders} * =make|=makes|=has|=have|=holds|will+make|'ll+make|would+make the|a? final? decision|say|call|sign-off|word`,
  `final|the call|decision|say be my|our|the * 's|’s`,
  "go|goes|went with what i recommend|suggest|pick",
  "i will|would|'ll be? recommend|recommending|present|presenting|propose|proposing|pitch|pitching|champion|championing",
  "i will|would|'ll be? bring|bringing|take|taking|put|putting * to|forward",
  "put|putting it|this forward",
  "bring|bringing|take|taking|present|presenting a|the|my|our? shortlist|short-list|recommendation|options|proposal|findings to",
  "she|he|they * asked|told|wants|wanted me to look|check|research|find|gather|collect|evaluate|review|vet",
  "put|putting together a|the|some? recommendation|shortlist|short-list|options|proposal|business+case|case",
  "i make recommendations",
  "i make the recommendation",
  "make the case",
  "not my call|decision",
  "not up to me",
  "my boss|manager|director|supervisor|vp|head|lead * asked|told|wants|wanted me to",
  "collecting|gathering|compiling|researching options|info|information for my|the|our boss|manager|director|supervisor|vp|head|leadership|management|team",
  "just|only collecting|gathering|researching|looking|compiling|doing|pulling options|info|information|research|into * for",
]);
/**
 * Consulting someone unnamed ("I need to check with the team", "let me run it by a few people"):
 * about the purchase only when the sentence says so or it answers the bot's "who decides?".
 */
const vagueConsultation = compilePatterns([
  "have|need|got|going to check|talk|discuss|consult|confer|clear|sync * with",
  "run it|this|that by|past",
  "let me|i will|i'll|'ll ask around",
]);
const purchaseDecisionWords = compilePatterns([
  "buy|buying|purchase|purchasing|decide|deciding|decision|sign|signing|sign-off|approve|approval|budget|commit|committing|contract|go-ahead|vendor|choose|choosing|pick|picking",
  "go ahead|forward",
]);

/** Involvement without a veto: weaker than a firm "I decide" ("my co-founder and I decide together"). */
const influencerWeak = compilePatterns([
  "i be part|involved|included of|in the? decision|decision-making|buying|purchase|purchasing|process|evaluation",
  "i be on the|an? evaluation|buying|selection|steering committee|team|group|panel",
  "decide|decision together|jointly|as",
  "joint|group|team|committee decision",
  "i have input|influence",
  "i have a say",
  "i be evaluating|researching|comparing|shortlisting",
  "i be leading|running|heading|driving|coordinating the|this evaluation|search|process|project",
  "i will|'ll run|lead the|this evaluation|search|process",
]);
/** Will use it, has no say. */
const userPatterns = compilePatterns([
  "i would|'d|will|'ll just? be using|use it|this|whatever",
  "i would|'d|will|'ll just? be the|one * using|implementing|running|working",
  "i would|'d|will|'ll be one of the * using|users",
  "i be one of the agents|users|reps|people|staff|operators who|that",
  "i be just|only? a|an|the? end? user|users",
  "just use|using whatever|what|it|them",
  // "marketing picks the vendor, we just integrate whatever they choose"
  "just integrate|integrate|implement|deploy|install|support|maintain|run whatever|what they|whatever",
  "above my pay grade",
  "i just work|use",
  "not involved in|with the? decision|purchase|buying|budget",
  "no say",
  "not have a|any say",
]);
const thirdPartyAnswers = compilePatterns([`my|our|the ${deciders}|team`, "a committee|group"]);
/** "me and our CEO", "me and my co-founder": one of the deciders. */
const meAnswers = compilePatterns([
  "me|myself|mine",
  "that be me",
  "that would be me",
  "me and|&",
  "both of us",
]);
const shortMeAnswers = compilePatterns(["i do|will|would|decide"]);
/** Bot questions a plain "yes" answers with "it's my call". */
const ownsDecisionQuestion =
  /\b(your call|your decision|you decide|you the (one|decision)|sign off yourself|you sign)\b/i;

const CONFIDENCE = {
  stated: 0.9,
  weak: 0.8,
  negatedDecision: 0.8,
  answer: 0.8,
  inferredFromTitle: 0.6,
} as const;

function statements(analysis: Analysis, patterns: readonly Pattern[]): Match[] {
  return findAny(analysis, patterns).filter((match) => {
    const sentence = sentenceOf(analysis, match.start);
    return (
      !isQuestion(analysis, sentence) &&
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

function spellsNegation(match: Match): boolean {
  return /^(not|no) /.test(match.pattern.source) || match.pattern.source.includes(" no ");
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
  const user = firm(userPatterns);
  if (user) return signal(analysis, "user", user, CONFIDENCE.stated);
  const strong = firm(influencerStrong);
  if (strong) return signal(analysis, "influencer", strong, CONFIDENCE.stated);
  const consultation = firm(vagueConsultation);
  if (consultation && (answeringAuthority || aboutThePurchase(analysis, consultation)))
    return signal(analysis, "influencer", consultation, CONFIDENCE.weak);
  const decisions = statements(analysis, decisionMaker);
  const decision = decisions.find((match) => !isNegated(analysis, match.start, match.end));
  if (decision) return signal(analysis, "decision_maker", decision, CONFIDENCE.stated);
  const negatedDecision = decisions[0];
  if (negatedDecision) return signal(analysis, "influencer", negatedDecision, CONFIDENCE.negatedDecision);
  const weak = firm(influencerWeak);
  if (weak) return signal(analysis, "influencer", weak, CONFIDENCE.weak);
  return undefined;
}

function aboutThePurchase(analysis: Analysis, match: Match): boolean {
  const sentence = sentenceOf(analysis, match.start);
  return findAny(analysis, purchaseDecisionWords, sentence.first, sentence.end).length > 0;
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
  const third = findAny(analysis, thirdPartyAnswers, first.first, limit)[0];
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

import type { NeedStatus, SignalOf } from "../../core/qualification.js";
import { type Analysis, quote, type Sentence } from "./analysis.js";
import {
  clauseAround,
  clauseIsPast,
  isAboutThirdParty,
  isHypothetical,
  isNegated,
  isQuestion,
  isRetracted,
  sentenceOf,
} from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import { compilePatterns, findAny, type Match, type Pattern } from "./phrase-matcher.js";

// Need: an explicit pain or use case in the prospect's own words ("our reps waste hours qualifying
// leads", "we need to automate lead routing"), vague interest or a hedged pain ("curious what this
// does", "it's getting a bit messy"), or none ("just browsing", "we're fine with what we have").
// An explicit need must be about work the product could touch: "I need a coffee" and "I need to
// talk to someone" are not needs.

/** The need itself follows the cue: "we need [to automate lead routing]". */
const wantCues = compilePatterns([
  "we|i|team|company do|does|did|really|just|also|still|definitely|urgently|badly|desperately? not? really|just|definitely? need|needs|require|requires|want|wants",
  "we|i|team|company be looking|searching|shopping for",
  "we|i|team|company be looking|trying|hoping|aiming|planning|working to",
  "we|i|team|company would|'d like|love to|a|an|something",
  "our|the|my goal|aim|objective|priority be",
  "our|the|my main|biggest|key|top|primary|number+one|real thing|goal|aim|objective|priority|requirement|ask|focus|need be",
  "we|i|team be evaluating|comparing|reviewing|considering|exploring|researching * tool|tools|platform|platforms|solution|solutions|vendor|vendors|options|software|chatbots|bots|ways",
  "in the market for",
  "use case be",
  "use it|this|qualbot to|for",
  "need help with",
  "and need|needs|want|wants",
  "interested in",
]);
/** The same cues without a subject, at the start of a sentence: "Need a lead bot…", "Looking to automate…". */
const openingWantCues = compilePatterns([
  "need|needs|want|wanting",
  "looking|searching|shopping for",
  "looking|trying|hoping|aiming|planning to",
  "goal|aim|objective|priority|requirement|requirements|use+case|need :",
  "to automate|qualify|route|book|answer|capture|screen|triage|filter|prioritize|prioritise|speed+up|cut|reduce",
]);
const sentenceOpeners = new Set([
  "hi",
  "hey",
  "hello",
  "so",
  "also",
  "and",
  "basically",
  "honestly",
  "yeah",
  "yes",
  "ok",
  "okay",
  "well",
  "-",
  "—",
  ",",
  "!",
  ".",
]);
/** What follows "I need …" when it is a request to us, not a need: "I need to talk to sales". */
const notNeeds = compilePatterns([
  "to talk|speak|chat|know|understand|learn|ask|hear|apply|leave|go|contact|reach|check|run|think|discuss|confirm|see|get+back|find+out|sign+up",
  "to book|schedule|set+up|arrange a|an demo|call|meeting|chat",
  "to get a|an|the|some|your price|pricing|quote|demo|call|refund",
  "a|an|the|some|your price|pricing|quote|demo|call|human|person|rep|salesperson|refund|job|break|coffee|minute|moment|second|callback",
  "more info|information|details",
  "you|someone|somebody to",
  "to be+considered|be+hired|be+interviewed|join|intern",
]);
/** The whole clause is the pain: "[our reps waste hours qualifying leads]". */
const painCues = compilePatterns([
  "waste|wastes|wasting|lose|loses|losing|miss|misses|missing|drop|dropping|burn|burning",
  "spend|spends|spending hours|days|time|too|way|half|most|so|ages|forever",
  "struggle|struggles|struggling|drowning|overwhelmed|swamped|buried|stuck|slammed|flooded",
  "have trouble|difficulty",
  "have a hard|tough time",
  "pain|problem|issue|headache|bottleneck|mess|nightmare|challenge|struggle|pain-point|frustration|time-sink|killer",
  "too much|many|long|slow",
  "fall|falls|falling|slip|slips|slipping through the cracks",
  "go|goes|going cold",
  "frustrated|tired|sick|fed+up with|of",
  "manual|manually|by+hand",
  "takes|take|taking forever|ages",
  "takes|take|taking * days|hours|weeks|forever|ages to",
  "inefficient|broken|unreliable|outdated|terrible|awful|clunky|horrible|painful|frustrating|messy|chaotic|useless",
  "complain|complains|complaining|complaints",
  "all over the place",
  "pile|piles|piling|stack|stacks|stacking up",
  "sit|sits|sitting in|for|around|unanswered|untouched|idle|there",
  "unanswered|unmanned|unattended|untouched|unqualified|unrouted|ignored",
  "=ignores|=ignored|=ignoring most|half|many|them|a+lot|a+ton",
  "too slowly",
  "instead of selling|closing|prospecting|calling|talking",
  "until someone|somebody|anyone notices|gets+to|checks",
  "eating our lunch",
  "bounce|bounces|bouncing|leak|leaks|leaking|churn|churns before|at|from|out",
  "before anyone|someone|somebody|we reply|replies|answers|responds|gets+to",
  "=wait|=waits|=waiting * hours|days|weeks|ages|forever",
  "only #number|one|two|three|four|five|a+few|a+couple people|person|reps|sdrs|sdr|agents to answer|handle|respond|reply|cover|qualify|call|follow|work|manage|sort",
  "faster than we can hire|handle|keep|respond|answer|follow",
  "spend|spends|spending their|our|my|the|whole|entire * mornings|afternoons|evenings|days|weeks|week|day",
  "response|reply|turnaround|follow-up time|times ** #number day|days|hour|hours|week|weeks",
]);
/** Pains that spell their own negation: "can't keep up", "nobody qualifies them". */
const negativePainCues = compilePatterns([
  "can not|cannot keep up",
  "can not|cannot answer|handle|respond|reply|cope|manage|follow|process|qualify|reach|call|get+to|keep|cover",
  "unable to answer|handle|respond|reply|cope|manage|follow|process|qualify|reach|call|keep",
  "nobody|no+one qualifies|follows|answers|responds|handles|checks|calls|replies|owns|triages",
  "no way to",
  "never get back|followed",
  "can not|cannot tell|distinguish|separate|filter|sort|prioritize|prioritise|route|spot",
  "no way of knowing|telling|seeing|tracking",
  "it|bot|widget|chat|tool|form|crm do not qualify|route|answer|score|filter|book|capture|sync",
  "none|few of it|them|those convert|converts|close|closes|reply|replies|book|books",
]);
/** Words that soften a pain into interest: "it's getting a bit messy", "we sometimes lose track". */
const hedges = new Set([
  "kinda",
  "somewhat",
  "sometimes",
  "occasionally",
  "slightly",
  "bit",
  "little",
  "sort",
  "kind",
]);
const latentCues = compilePatterns([
  "curious what|about|how|to|if|whether",
  "just curious",
  "might|could|may be useful|helpful|interesting|handy|worth",
  "interested in learning|hearing|knowing|seeing|finding",
  "learn|know|see more",
  "see what it|this|you do|does|can|offer",
  "see|seeing what be out there",
  "what's|whats out there",
  "heard about|of you|your",
  "came across",
  "exploring|explore options|possibilities|what",
  "looking around",
  "thinking about|of maybe",
  "keeping an eye",
  "saw your ad|post|website|site|demo|video",
  "early days",
  "not sure yet",
  "not sure we|i need",
  "look at how|what",
  "see how other|others",
  "looking at * chat|chatbot|chatbots|tools|options|bot|bots",
]);
const noneCues = compilePatterns([
  "just browsing|looking|poking|window+shopping",
  "no real|immediate|pressing|current|actual? need",
  "not need anything|it|this|that|one|any",
  "not really need",
  "not looking for anything",
  "not looking right now",
  "not have a|any need|use",
  "happy|fine|good|ok|okay|satisfied|content with our|what|the current|existing|we",
  "handle|handles|handling it fine|well|ok|okay",
  "not interested",
  "nothing specific",
  "not in the market",
  "bookmarking",
  "not sure we have a problem|need|use",
]);
/** Work a lead-qualification product touches (or business process in general). */
const domainWords = new Set(
  `lead leads sales pipeline crm routing route routed qualification qualify qualifying qualified follow-up follow-ups followup
  meetings meeting booking bookings book inbound outbound prospects prospect prospecting reps rep sdr sdrs bdr bdrs ae aes
  conversion conversions convert response responses respond visitors website site chat chats chatbot customers customer support tickets
  scheduling schedule appointments appointment marketing salesforce hubspot pipedrive automate automating automation automated manual manually
  spreadsheet spreadsheets data entry reporting reports forecast forecasting onboarding enquiries enquiry inquiries inquiry requests request forms
  form emails email calls deals revenue efficiency workflow workflows process processes productivity accounts clients contacts
  signups sign-ups trials mql mqls sql sqls scoring score triage handoff handoffs hand-off territory assignment calendar
  bot assistant widget capture intake registrations demos demo
  conversations messages ai tool tools platform solution software system team hours time cost costs
  quota quotas opportunities opportunity funnel outreach cadence sequences nurture nurturing engagement response-time
  after-hours volume backlog queue speed faster quicker scale scaling grow growth hire hiring deal close closing
  jobs orders patients tenants bookings quotes quote applications applicants calls
  inbox inboxes slack whatsapp messenger sms drift intercom tidio zendesk calendly livechat freshchat crisp mqls form-fills fills
  estimates estimate inquiries`
    .split(/\s+/)
    .filter(Boolean),
);

const CONFIDENCE = { explicit: 0.85, latent: 0.75, none: 0.8, answer: 0.75 } as const;
const MAX_PAIN_LENGTH = 160;

function hasDomainWord(analysis: Analysis, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const token = analysis.tokens[index]!;
    if (domainWords.has(token.normal) || domainWords.has(token.lemma)) return true;
  }
  return false;
}

/** A statement about the speaker's own present: not a question, hypothetical, joke or someone else's. */
function usable(analysis: Analysis, match: Match, allowPast = false): boolean {
  const sentence = sentenceOf(analysis, match.start);
  if (
    isQuestion(analysis, sentence) ||
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

function trimmedQuote(analysis: Analysis, start: number, to: number): string {
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

interface Reading {
  status: NeedStatus;
  pain?: string;
  evidence: string;
  start: number;
}

function isHedged(analysis: Analysis, from: number, to: number): boolean {
  return analysis.tokens.slice(from, to).some((token) => hedges.has(token.normal));
}

/** Subject-less cues count only where a sentence starts ("Need a lead bot for…"). */
function opensSentence(analysis: Analysis, sentence: Sentence, match: Match): boolean {
  for (let index = sentence.first; index < match.start; index++) {
    if (!sentenceOpeners.has(analysis.tokens[index]!.normal)) return false;
  }
  return true;
}

/** The pain starts after a leading "to": "we need [automate lead routing]". */
function painStart(analysis: Analysis, index: number): number {
  return analysis.tokens[index]?.normal === "to" ? index + 1 : index;
}

function wantReadings(analysis: Analysis, sentence: Sentence): Reading[] {
  const readings: Reading[] = [];
  const cues = [
    ...findAny(analysis, wantCues, sentence.first, sentence.end),
    ...findAny(analysis, openingWantCues, sentence.first, sentence.end).filter((match) =>
      opensSentence(analysis, sentence, match),
    ),
  ];
  for (const match of cues) {
    if (!usable(analysis, match)) continue;
    const clause = clauseAround(analysis, sentence, match.start);
    // "we need a [chat widget]": the object starts at the cue's last word when that is an article.
    const objectStart = ["to", "a", "an", "some", "something", "for"].includes(
      analysis.tokens[match.end - 1]!.normal,
    )
      ? match.end - 1
      : match.end;
    if (
      findAny(analysis, notNeeds, objectStart, Math.min(sentence.end, objectStart + 5)).some(
        (other) => other.start === objectStart,
      )
    )
      continue;
    if (!hasDomainWord(analysis, match.start, sentence.end)) continue;
    const painEnd = Math.max(clause.to, Math.min(sentence.end, match.end + 2));
    if (match.end >= painEnd) continue;
    const negated = isNegated(analysis, match.start, match.end);
    const status: NeedStatus = negated
      ? "none"
      : isHedged(analysis, clause.from, clause.to)
        ? "latent"
        : "explicit";
    readings.push({
      status,
      ...(status === "explicit"
        ? { pain: trimmedQuote(analysis, painStart(analysis, match.end), painEnd) }
        : {}),
      evidence: trimmedQuote(analysis, clause.from, painEnd),
      start: match.start,
    });
  }
  return readings;
}

function painReadings(
  analysis: Analysis,
  sentence: Sentence,
  patterns: readonly Pattern[],
  negationInside: boolean,
): Reading[] {
  const readings: Reading[] = [];
  for (const match of findAny(analysis, patterns, sentence.first, sentence.end)) {
    if (!usable(analysis, match)) continue;
    const negated = negationInside
      ? isNegated(analysis, match.start, match.start, 2)
      : isNegated(analysis, match.start, match.end);
    if (negated) continue;
    const clause = clauseAround(analysis, sentence, match.start);
    if (!hasDomainWord(analysis, sentence.first, sentence.end)) continue;
    // "…to respond to new leads, way too slow": a clause without the work in it takes the sentence.
    const about = hasDomainWord(analysis, clause.from, clause.to)
      ? clause
      : { from: sentence.first, to: sentence.end };
    const text = trimmedQuote(analysis, about.from, about.to);
    const hedged = isHedged(analysis, clause.from, clause.to);
    readings.push({
      status: hedged ? "latent" : "explicit",
      ...(hedged ? {} : { pain: text }),
      evidence: text,
      start: match.start,
    });
  }
  return readings;
}

function simpleReadings(
  analysis: Analysis,
  sentence: Sentence,
  patterns: readonly Pattern[],
  status: NeedStatus,
): Reading[] {
  return findAny(analysis, patterns, sentence.first, sentence.end)
    .filter(
      (match) =>
        usable(analysis, match, true) && (status === "none" || !isNegated(analysis, match.start, match.end)),
    )
    .map((match) => ({ status, evidence: quote(analysis, match.start, match.end), start: match.start }));
}

/** A reply to "what are you hoping to solve?" that names the work: "lead routing, mostly". */
function answerToNeedQuestion(context: ReadingContext): Reading[] {
  const { analysis } = context;
  if (context.askedSlot !== "need" || !context.shortAnswer) return [];
  const first = analysis.sentences[0];
  if (!first || isQuestion(analysis, first) || !hasDomainWord(analysis, first.first, first.end)) return [];
  if (isNegated(analysis, first.first, first.end)) return [];
  const text = trimmedQuote(analysis, first.first, first.end);
  return [{ status: "explicit", pain: text, evidence: text, start: first.first }];
}

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

/** Whether and what the prospect needs, with pains in their own words. */
export function readNeed(context: ReadingContext): SignalOf<"need">[] {
  const { analysis } = context;
  const readings: Reading[] = [];
  for (const sentence of analysis.sentences) {
    readings.push(
      ...wantReadings(analysis, sentence),
      ...painReadings(analysis, sentence, painCues, false),
      ...painReadings(analysis, sentence, negativePainCues, true),
      ...simpleReadings(analysis, sentence, noneCues, "none"),
      ...simpleReadings(analysis, sentence, latentCues, "latent"),
    );
  }
  if (readings.length === 0) readings.push(...answerToNeedQuestion(context));
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

  if (explicit.length > 0) {
    const pains = [...new Set(explicit.map((reading) => reading.pain!))].slice(0, 10);
    const evidence = [...new Set(explicit.map((reading) => reading.evidence))];
    return [
      { field: "need", value: { status: "explicit", pains }, evidence, confidence: CONFIDENCE.explicit },
    ];
  }
  if (doubted && (latent.length > 0 || of("explicit").length > 0)) {
    const reading = latent[0] ?? of("explicit")[0]!;
    return [
      {
        field: "need",
        value: { status: "latent" },
        evidence: [reading.evidence],
        confidence: CONFIDENCE.latent,
      },
    ];
  }
  // "just curious, no real need right now": the disclaimer outweighs the curiosity.
  const chosen = none[0] ?? latent.find((reading) => !isCuriosityTag(analysis, reading));
  if (!chosen) return [];
  return [
    {
      field: "need",
      value: { status: chosen.status },
      evidence: [chosen.evidence],
      confidence: chosen.status === "none" ? CONFIDENCE.none : CONFIDENCE.latent,
    },
  ];
}

import { type SignalOf, type TimelineStatus, timelineBucket } from "../../core/qualification.js";
import { type Analysis, quote, type Sentence, type Token } from "./analysis.js";
import { daysBetween, isoDate } from "./calendar.js";
import { isSpeculation, isWorldForecast, subjectAt } from "./clause-subject.js";
import {
  clauseAround,
  clauseIsPast,
  isAboutThirdParty,
  isHypothetical,
  isNegated,
  isQuestion,
  sentenceOf,
} from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import { isDomainToken } from "./need-text.js";
import { compilePatterns, findAny, type Match, type Pattern } from "./phrase-matcher.js";
import { findTimeExpressions, type TimeExpression } from "./time-expressions.js";

// Timeline: a time expression counts only when the sentence is about getting something in place
// ("we need this by end of Q2", "hoping to launch next quarter"), is little more than the date
// ("sometime in 2028"), or answers the bot's timeline question. "I'm on vacation next week" and
// "we launched in March" are not timelines.

/** Getting something in place: enough on its own, even next to "call" or "demo". */
const projectCues = compilePatterns([
  "deadline|timeline|timeframe|time-frame|asap|goal|target|targeting",
  "launch|launching|start|starting|begin|beginning|kickoff|kick-off|rollout|roll-out|go-live|live|implement|implementing|implementation|deploy|deploying|deployment|install|setup|onboard|onboarding|migrate|migrating|migration|switch|switching|replace|replacing",
  "kick|roll|set|get off|out|up|started",
  "buy|buying|purchase|purchasing|sign|signing|decide|deciding|decision|choose|choosing|select|selecting|evaluate|evaluating|evaluation|trial|pilot",
  "in+place|ready|done|finished|complete|completed|operational",
  "up and running",
  "renewal|renew|renews|expire|expires|expiring|contract|ends",
]);
/** Wanting or planning: enough unless the clause is about talking to us ("I'd like a call next week"). */
const wantCues = compilePatterns([
  "need|needs|needed|want|wants|love|hope|hoping|plan|planning|planned|aim|aiming|expect|expecting|intend|intending|looking|trying|ideally|hopefully|realistically|probably|likely|possibly|roadmap|scheduled",
  "would|'d like",
]);
/** A preposition right before the date makes it a deadline on its own: "by June", "within 6 months". */
const deadlinePrepositions = new Set(["by", "before", "within"]);
/** Words that make "until" the end of a wait: a freeze, a hold, a "can't". */
const waitingWords = new Set([
  "freeze",
  "froze",
  "frozen",
  "hold",
  "paused",
  "pause",
  "wait",
  "waiting",
  "blocked",
  "not",
  "no",
  "nothing",
  "postponed",
  "delayed",
]);
/** "call me asap" is about the conversation, not the project. */
const contactVerbs = compilePatterns([
  "call|email|e-mail|reply|respond|answer|contact|reach|text|hear|talk|speak|chat|meet|send|ping|get+back|message|demo",
]);
/** "Our fiscal year starts in July" is about the calendar, not about starting with us. */
const calendarSubjects = new Set(["year", "quarter", "season", "cycle", "month", "week", "semester", "term"]);
/** Moving a date makes a past-tense clause about the future: "the board pushed the relaunch to September". */
const reschedulingVerbs = new Set([
  "pushed",
  "moved",
  "delayed",
  "postponed",
  "rescheduled",
  "slipped",
  "bumped",
  "shifted",
  "pulled",
]);
/** Reported speech keeps the reported date's tense: "they said next quarter". */
const reportingVerbs = new Set([
  "said",
  "told",
  "mentioned",
  "suggested",
  "indicated",
  "asked",
  "wanted",
  "hoped",
  "planned",
]);

/**
 * Events in the prospect's life or calendar that are not the purchase: "my vacation starts next
 * week", "deadline for the grant application is Friday", "our annual audit wraps up by mid-December".
 */
const unrelatedEvents = new Set([
  "vacation",
  "vacations",
  "holiday",
  "leave",
  "pto",
  "trip",
  "travel",
  "travelling",
  "traveling",
  "flight",
  "conference",
  "summit",
  "expo",
  "webinar",
  "wedding",
  "birthday",
  "honeymoon",
  "surgery",
  "baby",
  "maternity",
  "paternity",
  "sabbatical",
  "accelerator",
  "incubator",
  "hackathon",
  "competition",
  "contest",
  "award",
  "awards",
  "prize",
  "trophy",
  "championship",
  "tournament",
  "marathon",
  "meetup",
  "dinner",
  "lunch",
  "concert",
  "game",
  "scholarship",
  "exam",
  "exams",
  "finals",
  "semester",
  "thesis",
  "grant",
  "tax",
  "taxes",
  "filing",
  "audit",
  "meeting",
  "offsite",
  "hiring",
  "hires",
  "recruiting",
  "headcount",
  "off-site",
  "retreat",
  "party",
  "relocation",
  "renovation",
  "visa",
  "interview",
  "appointment",
]);
/** What the prospect would buy or roll out: with one of these in the clause the date is about it. */
const purchaseSubjects = new Set([
  "it",
  "this",
  "tool",
  "tools",
  "system",
  "platform",
  "software",
  "solution",
  "chatbot",
  "bot",
  "vendor",
  "replacement",
  "rollout",
  "roll-out",
  "launch",
  "go-live",
  "crm",
  "product",
  "service",
  "purchase",
  "contract",
  "renewal",
  "subscription",
  "pilot",
  "trial",
  "something",
  "one",
  "implementation",
  "onboarding",
  "project",
  "migration",
  "deployment",
  "setup",
  "integration",
]);
/** The prospect's own aim before the event makes the event the deadline: "targeting our expo on April 12". */
const aimWords = compilePatterns([
  "target|targeting|targeted|aim|aiming|want|wants|need|needs|hope|hoping|plan|planning|ready|live|launch|launching|before|by|ahead|in+place|in+time",
]);
/** Words that make an event the deadline: "before the expo", "ahead of the summit", "in time for…". */
const deadlineWords = new Set(["before", "by", "ahead", "time", "until", "prior"]);
/** Said to be beside the point: "…is Friday, unrelated", "fyi, off topic". */
const asideWords = new Set(["unrelated", "irrelevant", "off-topic", "offtopic", "tangent"]);

const CONFIDENCE = { stated: 0.9, answer: 0.85, urgency: 0.85, none: 0.85 } as const;

/** Verbs whose subject says what starts: "we start in January" but "summer camp starts in June". */
const subjectVerbs = new Set([
  "start",
  "starts",
  "starting",
  "begin",
  "begins",
  "beginning",
  "end",
  "ends",
  "open",
  "opens",
  "close",
  "closes",
  "kicks",
]);
const speakers = new Set(["we", "i", "us", "you", "me"]);

/** What the prospect sells or runs: "our main product launches on March 3", "my new store opens in May". */
const offerings = new Set([
  "product",
  "products",
  "app",
  "site",
  "website",
  "store",
  "shop",
  "collection",
  "line",
  "book",
  "album",
  "season",
  "campaign",
  "event",
  "show",
  "feature",
  "version",
  "release",
  "podcast",
  "course",
  "restaurant",
  "clinic",
  "office",
  "branch",
  "location",
]);
/** Only what we would buy: "our new chatbot launches in May" is still the purchase. */
const boughtThings = new Set([
  "chatbot",
  "bot",
  "tool",
  "system",
  "platform",
  "software",
  "crm",
  "pilot",
  "trial",
]);

function isOwnOffering(subject: readonly Token[]): boolean {
  const owned = subject.some((token) => token.normal === "our" || token.normal === "my");
  return (
    owned &&
    subject.some((token) => offerings.has(token.normal)) &&
    !subject.some((token) => boughtThings.has(token.normal))
  );
}

/** "the kids' summer camp starts in June": the subject is neither the speaker nor the purchase. */
function hasUnrelatedSubject(
  analysis: Analysis,
  sentence: Sentence,
  match: Match,
  expression: TimeExpression,
): boolean {
  const cue = analysis.tokens[match.start]!;
  if (match.end - match.start !== 1 || !(subjectVerbs.has(cue.normal) || launchVerbs.has(cue.normal)))
    return false;
  const clause = clauseAround(analysis, sentence, match.start);
  const subject = analysis.tokens.slice(clause.from, match.start).filter((token) => token.kind === "word");
  if (subject.length === 0) return false;
  if (isOwnOffering(subject)) return true;
  // "our team starts using it in February": the purchase may follow the verb.
  const between = analysis.tokens.slice(match.end, Math.max(match.end, expression.start));
  return ![...subject, ...between].some(
    (token) => speakers.has(token.normal) || purchaseSubjects.has(token.normal),
  );
}

/** Goals measured in something other than a go-live: "our revenue target for 2027", "sales goal". */
const metricWords = new Set([
  "revenue",
  "sales",
  "growth",
  "quota",
  "traffic",
  "fundraising",
  "hiring",
  "weight",
  "fitness",
  "savings",
  "kpi",
  "okr",
  "arr",
  "mrr",
  "nps",
  "personal",
  "reading",
  "step",
  "steps",
]);

const doneWords = new Set([
  "ready",
  "done",
  "finished",
  "complete",
  "completed",
  "live",
  "operational",
  "set",
]);
const presentCopulas = new Set(["is", "are", "'s", "'re", "am"]);

/** "Black Friday is in 4 days and our site is ready": something already in place, not a plan. */
function isPresentState(analysis: Analysis, match: Match): boolean {
  const cue = analysis.tokens[match.start]!;
  if (!doneWords.has(cue.normal)) return false;
  let before = match.start - 1;
  while (analysis.tokens[before]?.pos === "ADV") before--;
  return presentCopulas.has(analysis.tokens[before]?.normal ?? "");
}

const recurring = new Set([
  "annual",
  "yearly",
  "quarterly",
  "monthly",
  "weekly",
  "biannual",
  "biweekly",
  "daily",
]);

/** "our annual kickoff is on January 15": a recurring event of theirs, not a project start. */
function isRecurringEvent(analysis: Analysis, match: Match): boolean {
  const before = analysis.tokens.slice(Math.max(0, match.start - 2), match.start);
  return before.some((token) => recurring.has(token.normal));
}

function isMetricTarget(analysis: Analysis, match: Match): boolean {
  const cue = analysis.tokens[match.start]!;
  if (!["target", "targets", "goal", "goals", "aim", "deadline"].includes(cue.normal)) return false;
  const before = analysis.tokens[match.start - 1];
  return before !== undefined && metricWords.has(before.normal);
}

const studyVerbs = new Set(["learn", "study", "practice", "practise", "memorize", "memorise", "revise"]);

/**
 * "my kids want a puppy by Christmas", "my manager wants me to learn SQL by…": a wish whose subject is
 * not the speaker, about nothing they would buy. "my boss wants it live by March" is the purchase.
 */
function isSomeoneElsesWish(
  analysis: Analysis,
  sentence: Sentence,
  match: Match,
  expression: TimeExpression,
): boolean {
  const clause = clauseAround(analysis, sentence, match.start);
  const subject = analysis.tokens.slice(clause.from, match.start).filter((token) => token.kind === "word");
  if (!subject.some((token) => token.pos === "NOUN" || token.pos === "PROPN")) return false;
  if (subject.some((token) => speakers.has(token.normal))) return false;
  const wished = analysis.tokens.slice(match.end, Math.max(match.end, expression.start));
  // "wants me to learn SQL by…": the speaker's own development, whatever the subject.
  if (wished.slice(0, 4).some((token) => studyVerbs.has(token.normal))) return true;
  return !wished.some(
    (token) =>
      purchaseSubjects.has(token.normal) ||
      isDomainToken(token) ||
      findAny(analysis, projectCues, token.index, token.index + 1).length > 0,
  );
}

/** The wished-for object (between the cue and the date) is a noun with nothing of the purchase in it. */
function wishesForSomethingElse(analysis: Analysis, match: Match, expression: TimeExpression): boolean {
  if (match.end >= expression.start) return false;
  const wished = analysis.tokens.slice(match.end, expression.start).filter((token) => token.kind === "word");
  if (!wished.some((token) => token.pos === "NOUN" || token.pos === "PROPN")) return false;
  if (findAny(analysis, projectCues, match.end, expression.start).length > 0) return false;
  return !wished.some(
    (token) =>
      purchaseSubjects.has(token.normal) ||
      projectNouns.has(token.normal) ||
      organisationWords.has(token.normal) ||
      isDomainToken(token) ||
      token.pos === "VERB",
  );
}

/** The prospect's own organisation deciding: "our parent company froze all spend until 2029". */
const organisationWords = new Set([
  "company",
  "team",
  "business",
  "org",
  "organisation",
  "organization",
  "firm",
  "department",
  "board",
  "management",
  "leadership",
  "finance",
  "procurement",
  "group",
  "agency",
  "practice",
  "clinic",
  "office",
]);

/** The clause's subject (before its first verb) names someone or something other than the speaker or the purchase. */
function hasOtherSubject(analysis: Analysis, clause: { from: number; to: number }): boolean {
  const words: Token[] = [];
  for (const token of analysis.tokens.slice(clause.from, clause.to)) {
    if (token.pos === "VERB" || token.pos === "AUX") break;
    if (token.kind === "word") words.push(token);
  }
  if (words.length === analysis.tokens.slice(clause.from, clause.to).filter((t) => t.kind === "word").length)
    return false;
  if (!words.some((token) => token.pos === "NOUN" || token.pos === "PROPN")) return false;
  // "before our busy season starts in November": the clause is the deadline itself.
  if (deadlineWords.has(words[0]!.normal)) return false;
  return !words.some(
    (token) =>
      speakers.has(token.normal) ||
      organisationWords.has(token.normal) ||
      purchaseSubjects.has(token.normal) ||
      projectNouns.has(token.normal) ||
      isDomainToken(token) ||
      findAny(analysis, projectCues, token.index, token.index + 1).length > 0,
  );
}

function cueFor(
  analysis: Analysis,
  expression: TimeExpression,
  patterns: readonly Pattern[],
): Match | undefined {
  const sentence = sentenceOf(analysis, expression.start);
  return findAny(analysis, patterns, sentence.first, sentence.end).find((match) => {
    if (match.end > expression.start && match.start < expression.end) return false;
    if (isNegated(analysis, match.start, match.end)) return false;
    const before = analysis.tokens.slice(Math.max(sentence.first, match.start - 2), match.start);
    if (before.some((token) => calendarSubjects.has(token.normal))) return false;
    if (isMetricTarget(analysis, match)) return false;
    if (isPresentState(analysis, match) || isRecurringEvent(analysis, match)) return false;
    // "my kids want a puppy by Christmas", "my manager wants me to learn SQL by…": someone else's wish.
    if (patterns === wantCues && isSomeoneElsesWish(analysis, sentence, match, expression)) return false;
    // "need coffee asap", "I want a nap by 3": a wish for a thing outside the work.
    if (patterns === wantCues && wishesForSomethingElse(analysis, match, expression)) return false;
    // "Our sale starts Nov 27, expecting a lot of traffic": a wish in a later clause is about something else.
    if (patterns === wantCues && match.start >= expression.end) {
      const dateClause = clauseAround(analysis, sentence, expression.start);
      if (match.start >= dateClause.to) return false;
    }
    return !hasUnrelatedSubject(analysis, sentence, match, expression);
  });
}

/** The cue that makes the expression a timeline, or undefined when there is none. */
function cueBefore(analysis: Analysis, expression: TimeExpression): Match | undefined {
  const project = cueFor(analysis, expression, projectCues);
  if (project) return project;
  const want = cueFor(analysis, expression, wantCues);
  if (!want) return undefined;
  const sentence = sentenceOf(analysis, expression.start);
  const clause = clauseAround(analysis, sentence, expression.start);
  return findAny(analysis, contactVerbs, clause.from, clause.to).length > 0 ? undefined : want;
}

/** "by June", "before our busy season starts in November": a deadline word leads the date in its clause. */
function hasDeadlinePreposition(analysis: Analysis, expression: TimeExpression): boolean {
  if (deadlinePrepositions.has(analysis.tokens[expression.start]!.normal)) return true;
  const sentence = sentenceOf(analysis, expression.start);
  const clause = clauseAround(analysis, sentence, expression.start);
  const before = analysis.tokens.slice(Math.max(clause.from, expression.start - 7), expression.start);
  if (before.some((token) => deadlinePrepositions.has(token.normal))) return true;
  // "spend is frozen until 2029", "we can't buy until Q3": the wait ends then. ("Out of office until Monday" is no wait.)
  const until = analysis.tokens[expression.start - 1]?.normal ?? analysis.tokens[expression.start]!.normal;
  if (until !== "until" && until !== "till") return false;
  const clauseWords = analysis.tokens.slice(clause.from, expression.start);
  return clauseWords.some((token) => waitingWords.has(token.normal) || waitingWords.has(token.lemma));
}

/** "not until next year" is a date; "not this month" is not. */
function negatedDate(analysis: Analysis, expression: TimeExpression): boolean {
  const before = analysis.tokens[expression.start - 1]?.normal ?? "";
  if (["until", "till", "before"].includes(before)) return false;
  return isNegated(analysis, expression.start, expression.start, 3);
}

/** Said in the past about the past ("we launched in March"), not rescheduled or reported. */
function isPastStatement(analysis: Analysis, from: number, to: number): boolean {
  const words = analysis.tokens.slice(from, to);
  if (words.some((token) => reschedulingVerbs.has(token.normal) || reportingVerbs.has(token.normal)))
    return false;
  return clauseIsPast(analysis, from, to);
}

/** "happy friday", "merry christmas", "have a great weekend": the date is a greeting. */
const greetings = new Set(["happy", "merry", "great", "nice", "good", "lovely", "enjoy"]);

/** A reply that is little more than the date ("sometime in 2028", "this quarter if at all possible"). */
function isFragment(context: ReadingContext, expression: TimeExpression): boolean {
  if (context.words > 10 || context.analysis.sentences.length > 1) return false;
  const outside = context.analysis.tokens.filter(
    (token) =>
      (token.index < expression.start || token.index >= expression.end) && token.kind !== "punctuation",
  );
  if (outside.length > 4 || outside.some((token) => token.pos === "VERB" || token.pos === "AUX"))
    return false;
  if (context.askedSlot === "timeline") return true;
  // Unasked, "happy friday!!" greets, and "Calendar: Dentist, Tue Dec 1" dates something else.
  if (greetings.has(context.analysis.tokens[expression.start - 1]?.normal ?? "")) return false;
  const cueWords = new Set(
    findAny(context.analysis, projectCues).flatMap((match) =>
      Array.from({ length: match.end - match.start }, (_, offset) => match.start + offset),
    ),
  );
  return !outside.some(
    (token) =>
      (token.pos === "NOUN" || token.pos === "PROPN") &&
      !purchaseSubjects.has(token.normal) &&
      !projectNouns.has(token.normal) &&
      !organisationWords.has(token.normal) &&
      !isDomainToken(token) &&
      !cueWords.has(token.index),
  );
}

interface Candidate {
  status: TimelineStatus;
  targetDate?: string;
  evidence: string;
  confidence: number;
}

function evidenceOf(analysis: Analysis, expression: TimeExpression, cue: Match | undefined): string {
  const sentence = sentenceOf(analysis, expression.start);
  const clause = clauseAround(analysis, sentence, expression.start);
  let start = expression.start;
  if (analysis.tokens[start - 1] && deadlinePrepositions.has(analysis.tokens[start - 1]!.normal)) start--;
  if (cue && cue.start >= clause.from && cue.start < start && start - cue.start <= 8) start = cue.start;
  return quote(analysis, start, expression.end);
}

/** The date belongs to another event in the prospect's life, or is flagged as beside the point. */
function isAboutAnotherEvent(analysis: Analysis, expression: TimeExpression): boolean {
  const sentence = sentenceOf(analysis, expression.start);
  const words = analysis.tokens.slice(sentence.first, sentence.end);
  if (words.some((token) => asideWords.has(token.normal))) return true;
  const clause = clauseAround(analysis, sentence, expression.start);
  // "we're hiring fast, 30 new reps this year": a clause without a verb belongs to the one before.
  const verbless = !analysis.tokens
    .slice(clause.from, clause.to)
    .some((token) => token.pos === "VERB" || token.pos === "AUX");
  const from = verbless ? sentence.first : clause.from;
  const before = analysis.tokens.slice(from, expression.start);
  const event = before.find((token) => unrelatedEvents.has(token.normal));
  if (!event || before.some((token) => purchaseSubjects.has(token.normal))) return false;
  if (findAny(analysis, aimWords, from, event.index).length === 0) return true;
  // "we want to win the sales award in April": the wish is the event itself unless something is
  // to be ready by then ("we need to launch before the expo", "targeting the summit").
  return !analysis.tokens
    .slice(from, event.index)
    .some(
      (token) =>
        deadlineWords.has(token.normal) ||
        findAny(analysis, projectCues, token.index, token.index + 1).length > 0,
    );
}

const copulas = new Set(["is", "are", "was", "'s", "be"]);
/** Nouns whose date is the purchase's own: "the deadline is March 3", "our go-live date is June 1". */
const projectNouns = new Set([
  "deadline",
  "timeline",
  "timeframe",
  "target",
  "goal",
  "cutoff",
  "cut-off",
  "due",
]);

/**
 * "The meetup is Thursday 7pm", "my review is on the 12th": a date that is only the predicate of
 * something else (neither the speaker, the purchase nor a deadline) is that thing's date, whatever
 * wish follows it ("…if anyone wants to come").
 */
function isDateOfSomethingElse(analysis: Analysis, expression: TimeExpression): boolean {
  const sentence = sentenceOf(analysis, expression.start);
  const clause = clauseAround(analysis, sentence, expression.start);
  let copula = expression.start - 1;
  if (["on", "at", "in", "for"].includes(analysis.tokens[copula]?.normal ?? "")) copula--;
  // "the planning doc is due Friday", "the review is scheduled for the 12th".
  if (["due", "scheduled", "planned", "booked", "set"].includes(analysis.tokens[copula]?.normal ?? ""))
    copula--;
  if (copula <= clause.from || !copulas.has(analysis.tokens[copula]!.normal)) return false;
  const subject = analysis.tokens.slice(clause.from, copula).filter((token) => token.kind === "word");
  const head = subject.filter((token) => token.pos === "NOUN" || token.pos === "PROPN").at(-1);
  if (!head) return false;
  // "the plan is Q2" is ours; "the planning doc" is a document that happens to be about planning.
  if (findAny(analysis, wantCues, head.index, head.index + 1).length > 0) return false;
  return !subject.some(
    (token) =>
      speakers.has(token.normal) ||
      purchaseSubjects.has(token.normal) ||
      projectNouns.has(token.normal) ||
      findAny(analysis, projectCues, token.index, token.index + 1).length > 0,
  );
}

/** Verbs that put something of the prospect's own on the market: their date is that thing's. */
const launchVerbs = new Set([
  "launch",
  "launching",
  "launches",
  "release",
  "releasing",
  "releases",
  "unveil",
  "unveiling",
  "debut",
  "debuting",
  "open",
  "opening",
  "opens",
]);

/**
 * "we're launching a new product line in April": the launch's object is something the prospect
 * sells, not what they would buy. An aim before the launch ("we need it live before we launch the
 * new store in May") makes the launch the deadline, and "launch the bot in April" is the purchase.
 */
function launchesSomethingElse(analysis: Analysis, expression: TimeExpression): boolean {
  const sentence = sentenceOf(analysis, expression.start);
  const clause = clauseAround(analysis, sentence, expression.start);
  for (let index = clause.from; index < expression.start; index++) {
    if (!launchVerbs.has(analysis.tokens[index]!.normal)) continue;
    const object = analysis.tokens.slice(index + 1, expression.start);
    const head = object.filter((token) => token.pos === "NOUN" || token.pos === "PROPN").at(-1);
    if (!head || purchaseSubjects.has(head.normal) || isDomainToken(head)) continue;
    if (object.some((token) => ["it", "this", "that", "one"].includes(token.normal))) continue;
    if (findAny(analysis, aimWords, sentence.first, index).length > 0) continue;
    return true;
  }
  return false;
}

/**
 * "We're paying 3k a month to an agency right now": "now" describes what goes on today unless an aim
 * comes before it in its clause ("we need it running right now").
 */
function describesThepresent(
  analysis: Analysis,
  expression: TimeExpression,
  clause: { from: number; to: number },
): boolean {
  if (analysis.tokens[expression.end - 1]?.normal !== "now") return false;
  const before = analysis.tokens.slice(clause.from, expression.start);
  if (!before.some((token) => token.pos === "VERB" && token.normal.endsWith("ing"))) return false;
  return (
    findAny(analysis, wantCues, clause.from, expression.start).length === 0 &&
    findAny(analysis, projectCues, clause.from, expression.start).length === 0
  );
}

function dateSpan(expression: TimeExpression): { from: number; to: number } {
  return { from: expression.start, to: expression.end };
}

/** Words in a later clause that point back at the date's event: "the relaunch is June 1 — the bot needs to be live for it". */
const backReferences = new Set(["it", "then", "that", "this", "before", "ahead", "time"]);

/** The cue is in the date's own clause, or in one that points back at it. */
function cueReaches(analysis: Analysis, cue: Match, clause: { from: number; to: number }): boolean {
  if (cue.start >= clause.from && cue.start < clause.to) return true;
  const cueClause = clauseAround(analysis, sentenceOf(analysis, cue.start), cue.start);
  return analysis.tokens
    .slice(cueClause.from, cueClause.to)
    .some((token) => backReferences.has(token.normal));
}

function readDate(
  context: ReadingContext,
  expression: Extract<TimeExpression, { kind: "date" }>,
): Candidate | undefined {
  const { analysis, now } = context;
  if (negatedDate(analysis, expression)) return undefined;
  const sentence = sentenceOf(analysis, expression.start);
  const clause = clauseAround(analysis, sentence, expression.start);
  if (describesThepresent(analysis, expression, clause)) return undefined;
  if (isPastStatement(analysis, sentence.first, clause.to)) return undefined;
  const days = daysBetween(now, expression.target);
  if (days < 0) return undefined;
  const cue = cueBefore(analysis, expression);
  // "the new Pixel is out in October, thinking of switching": the wish is in another clause than the
  // date, whose own subject is something else.
  if (
    subjectAt(analysis, expression.start, dateSpan(expression)).kind === "something_else" &&
    !(cue && cueReaches(analysis, cue, clause))
  )
    return undefined;
  const deadline = hasDeadlinePreposition(analysis, expression);
  const answering =
    (context.askedSlot === "timeline" && sentence.index === 0) || isFragment(context, expression);
  if (!cue && !deadline && !answering) return undefined;
  // "My kids want a puppy by Christmas": a bare "by" only dates the speaker's or the purchase's plans.
  if (!cue && !answering && hasOtherSubject(analysis, clause)) return undefined;
  if (!cue && findAny(analysis, contactVerbs, clause.from, clause.to).length > 0) return undefined;
  return {
    status: timelineBucket(days),
    targetDate: isoDate(expression.target),
    evidence: evidenceOf(analysis, expression, cue),
    confidence: cue || deadline ? CONFIDENCE.stated : CONFIDENCE.answer,
  };
}

function readUrgency(context: ReadingContext, expression: TimeExpression): Candidate | undefined {
  const { analysis, now } = context;
  const sentence = sentenceOf(analysis, expression.start);
  const clause = clauseAround(analysis, sentence, expression.start);
  if (isNegated(analysis, expression.start, expression.start, 3)) return undefined;
  const aboutContact = findAny(analysis, contactVerbs, clause.from, clause.to).length > 0;
  // "need coffee asap": the hurry is for something outside the work.
  const errand = findAny(analysis, wantCues, clause.from, clause.to).some((match) =>
    wishesForSomethingElse(analysis, match, expression),
  );
  if (errand) return undefined;
  const needCue = cueBefore(analysis, expression);
  if (aboutContact && !needCue) return undefined;
  return {
    status: "within_1_month",
    targetDate: isoDate(now),
    evidence: evidenceOf(analysis, expression, needCue),
    confidence: CONFIDENCE.urgency,
  };
}

function candidateFrom(context: ReadingContext, expression: TimeExpression): Candidate | undefined {
  const { analysis } = context;
  const sentence = sentenceOf(analysis, expression.start);
  if (isQuestion(analysis, sentence)) return undefined;
  if (isHypothetical(analysis, expression.start) || isAboutThirdParty(analysis, expression.start))
    return undefined;
  if (isAboutAnotherEvent(analysis, expression) || launchesSomethingElse(analysis, expression))
    return undefined;
  // "your webinar is on the 9th", "my sister's wedding is in May", "I wonder if AI will replace us by 2030".
  const subject = subjectAt(analysis, expression.start, dateSpan(expression)).kind;
  if (
    subject === "vendor" ||
    subject === "someone_else" ||
    subject === "private_life" ||
    isSpeculation(analysis, expression.start) ||
    isWorldForecast(analysis, expression.start)
  )
    return undefined;
  if (expression.kind === "date" && isDateOfSomethingElse(analysis, expression)) return undefined;
  if (expression.kind === "date") return readDate(context, expression);
  if (expression.kind === "asap") return readUrgency(context, expression);
  return {
    status: "none",
    evidence: quote(analysis, expression.start, expression.end),
    confidence: CONFIDENCE.none,
  };
}

const answerNone = compilePatterns(["whenever", "nothing planned", "no plans"]);

/** The prospect's timeline as a bucket relative to now (DESIGN §2), with the window's end date. */
export function readTimeline(context: ReadingContext): SignalOf<"timeline">[] {
  const candidates: { expression: TimeExpression; candidate: Candidate }[] = [];
  for (const expression of findTimeExpressions(context.analysis, context.now)) {
    const candidate = candidateFrom(context, expression);
    if (candidate) candidates.push({ expression, candidate });
  }
  // A date beats "ASAP" beats "no rush" ("no hard deadline, but ideally by March" is March), and
  // among dates the narrowest window wins ("before the spring campaign in March" is March).
  const rank = { date: 0, asap: 1, none: 2 } as const;
  const width = (expression: TimeExpression) => (expression.kind === "date" ? expression.granularity : 0);
  candidates.sort(
    (a, b) =>
      rank[a.expression.kind] - rank[b.expression.kind] ||
      width(a.expression) - width(b.expression) ||
      a.expression.start - b.expression.start,
  );
  const best = restatedDate(context, candidates) ?? candidates[0]?.candidate;
  if (!best) return answerWithoutDate(context);
  return [
    {
      field: "timeline",
      value: { status: best.status, ...(best.targetDate ? { targetDate: best.targetDate } : {}) },
      evidence: [best.evidence],
      confidence: best.confidence,
    },
  ];
}

/** Words that restate a window more precisely: "well before, say mid January", "…, so in the next few weeks". */
const restatementMarkers = new Set([
  "say",
  "so",
  "i.e.",
  "ie",
  "meaning",
  "basically",
  "realistically",
  "ideally",
]);

function isRestatement(analysis: Analysis, expression: TimeExpression): boolean {
  const marker = analysis.tokens[expression.start - 1];
  const beforeMarker = analysis.tokens[expression.start - 2];
  return (
    marker !== undefined &&
    restatementMarkers.has(marker.normal) &&
    (beforeMarker?.normal === "," || beforeMarker?.normal === "-" || beforeMarker?.normal === "—")
  );
}

/**
 * "the show is in March but we want this well before, say mid January", "before winter hits, so in
 * the next few weeks": a date that restates the accepted window later in the same sentence wins.
 */
function restatedDate(
  context: ReadingContext,
  candidates: readonly { expression: TimeExpression; candidate: Candidate }[],
): Candidate | undefined {
  const { analysis, now } = context;
  const accepted = candidates.filter((entry) => entry.expression.kind === "date");
  if (accepted.length === 0) return undefined;
  for (const expression of findTimeExpressions(analysis, now)) {
    if (expression.kind !== "date" || !isRestatement(analysis, expression)) continue;
    const sentence = sentenceOf(analysis, expression.start);
    const restates = accepted.some(
      (entry) =>
        entry.expression.start < expression.start &&
        sentenceOf(analysis, entry.expression.start).index === sentence.index,
    );
    if (!restates || isQuestion(analysis, sentence) || negatedDate(analysis, expression)) continue;
    const days = daysBetween(now, expression.target);
    if (days < 0) continue;
    return {
      status: timelineBucket(days),
      targetDate: isoDate(expression.target),
      evidence: evidenceOf(analysis, expression, undefined),
      confidence: CONFIDENCE.stated,
    };
  }
  return undefined;
}

/** "whenever" after the bot asked when: no timeline. */
function answerWithoutDate(context: ReadingContext): SignalOf<"timeline">[] {
  if (context.askedSlot !== "timeline" || !context.shortAnswer) return [];
  const match = findAny(context.analysis, answerNone)[0];
  if (!match) return [];
  return [
    {
      field: "timeline",
      value: { status: "none" },
      evidence: [quote(context.analysis, match.start, match.end)],
      confidence: CONFIDENCE.answer,
    },
  ];
}

import type { BudgetStatus, BudgetValue, SignalOf } from "../../core/qualification.js";
import { type Analysis, quote, type Sentence } from "./analysis.js";
import { clauseAround, isFactual, isNegated, isQuestion } from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import { findMoney, type MoneyMention } from "./money.js";
import { compilePatterns, findAny, type Match, type Pattern } from "./phrase-matcher.js";
import { answerWord } from "./short-answers.js";
import { isSpendingReport } from "./spending-reports.js";

// Budget status and amount. Status comes from what is said about the budget (none / exploring /
// allocated); an amount needs a sentence about budget or spending, an amount the prospect holds
// ("we have $50k", "there's $250/month for it"), an approval beside it ("€40k/yr approved"), or a
// reply to the budget question. Revenue, funding rounds and salaries never become a budget.

/** "No budget": these spell their own negation. */
const nonePatterns = compilePatterns([
  "no|zero budget|funding|funds|money",
  "not really? have|got a|any|the? budget|funding|funds|money|budgets",
  "budget|budgets be|got zero|nil|nothing|non-existent|nonexistent|0",
  "budget|budgets * cut|slashed|reduced to zero|nothing|0",
  "nothing budget|budgeted|allocated|earmarked",
  "nothing set+aside",
  "can not|cannot afford",
  "can not|cannot spend|pay|invest anything|a+thing|money",
  "no room in the|our budget",
  "budget|budgets|spend|spending be|got|are frozen",
  "freeze|froze|frozen * spend|spending|budget|budgets|purchases|purchasing",
  "budget|spending|spend freeze",
  "not budget|budgeted for",
  "there be no budget|money",
  "have to be|would+have+to+be free",
]);
// "no budget constraints", "budget is no issue": the opposite of having none.
const notAShortage = new Set([
  "constraint",
  "constraints",
  "limit",
  "limits",
  "cap",
  "issue",
  "issues",
  "problem",
  "problems",
  "concern",
  "concerns",
  "ceiling",
  "object",
]);

const exploringPatterns = compilePatterns([
  "figure|figuring|work|working out * budget|cost|costs|pricing|price|spend",
  "figure|figuring|work|working out what * cost|costs|spend",
  "figure|figuring|work|working it|that|this|something out",
  "get|getting a sense|idea|feel of|for * pricing|price|cost|costs|budget",
  "before we|i ask|request|apply|go for budget",
  "need|have to get|secure|request|find budget|funding|approval",
  "need|have to get it|that|this approved|signed+off|sign-off",
  "ask|asking|request|requesting for? budget|funding|approval",
  "ask|asking for it|that|one",
  "put in|forward a|for? budget? request",
  "budget request|requests",
  "waiting on|for budget|approval|sign-off",
  "budget approval be pending",
  "pending final? budget|approval|sign-off|sign+off",
  "budget be tbd|open|flexible|pending|undecided|unclear",
  "budget be still? being discussed|decided|worked",
  "not set|defined|decided|allocated|finalized|finalised|figured|determined a|the|any|our? budget",
  "budget be not set|defined|decided|finalized|finalised|approved|confirmed|fixed * yet?",
  "depend|depends on * price|pricing|cost|roi|value|quote|margin",
  "willing|prepared|able|happy|ready to spend|pay|invest",
  "could|can|might|would probably? spend|pay|invest|stretch|afford|justify",
  "exploring|researching|comparing * pricing|prices|costs|budget",
  "rough|ballpark budget|figure|number",
  "budget * in mind",
]);
/** Ballpark wording that is about budget only when an amount stands beside it ("looking at ~20k"). */
const exploringNearAmount = compilePatterns([
  "thinking|looking|expecting|targeting|aiming somewhere? around|about|at|for?",
  "could|can|might|would probably? do|go|manage|stretch|spend|pay|invest",
  "up to",
]);

/** A ceiling on a currency amount ("something under $10k", "no more than €500 a month") is a ballpark. */
const ceilingWords = compilePatterns(["under|below|max|maximum|at+most|less+than|no+more+than|up+to"]);
/** What may follow a held amount that is money, not a count: "we have 10k for this year", "10k set aside". */
const afterHeldMoney = new Set([
  "for",
  "set",
  "to",
  "in",
  "of",
  "available",
  "allocated",
  "approved",
  "left",
]);

const moneyNouns =
  /^(k|m|mm|mil|mill|mio|grand|thousand|million|billion|bn|lakh|crore|dollars?|euros?|pounds?|bucks|usd|eur|gbp|month|months|mo|year|years|yr|annum|quarter|week|seat|user|time)$/;

/** Statements about the budget itself that it exists. */
const allocatedPatterns = compilePatterns([
  "budget|budgets|funds|money|funding be|have|has|been|got? already|now|fully|officially|been? approved|allocated|secured|confirmed|committed|earmarked|ring-fenced|locked|sign-off|signed-off|sanctioned|reserved|set+aside|in+place|there|available|signed+off",
  "budget|budgets cover|covers|covered",
  "line item",
  "what we|i have|'ve? budgeted|allocated|approved|earmarked|reserved",
  "what be|'s been approved|allocated|sanctioned|budgeted|earmarked|reserved",
  "we|i have|'ve budgeted|allocated|earmarked|approved|reserved",
  "fully? funded",
  "approve|approved the|our|a|this? budget",
  "sign|signed off on? * budget",
]);
/** "Our budget is 2,000 euros per month": a budget with an amount exists. */
const budgetIsAmount = compilePatterns([
  "budget|budgets * be|of|:|=|is",
  // "nuestro presupuesto es de…", "notre budget est de…", "unser Budget beträgt…": the same statement.
  "nuestro|tenemos+un|tenemos+el presupuesto es|de|son",
  "notre|nous+avons+un budget est|de|:",
  "unser|wir+haben+ein budget ist|beträgt|liegt|von|:",
]);
/** "We have a budget": negated it means there is none ("we don't have a budget"). */
const haveBudget = compilePatterns(["have|got a|the|some|our? budget|budgets"]);
/** Approval next to an amount ("finance signed off on 80k", "€40k/yr approved", "gave us 2.5k"). */
const approvalWords = compilePatterns([
  "approve|approved|allocate|allocated|earmark|earmarked|sanctioned|reserved|budgeted|committed|secured|ring-fenced|green-lit|greenlit|sign-off|signed-off|eingeplant|freigegeben|genehmigt|bewilligt|aprobado|aprobados|asignado|prévu|prévus|approuvé|alloué",
  "signed|sign off",
  "set|put aside",
  "give|gave|given us|me",
]);
/** An approval still to come ("pending final sign-off") is not an approval. */
const pendingWords = new Set([
  "pending",
  "awaiting",
  "need",
  "needs",
  "get",
  "getting",
  "until",
  "before",
  "once",
  "subject",
  "waiting",
  "ask",
  "request",
  "requires",
  "require",
]);
/** Owning an amount ("we have $50k", "there's $250/month for it"). */
const holdingMoney = compilePatterns(["have|got|'ve", "there be"]);
/** Words that make a sentence about budget, so a bare "about 20k" in it is money. */
const budgetWords = compilePatterns([
  "budget|budgets|budgeted|budgeting|spend|spending|pay|paying|invest|investing|afford|allocate|allocated|earmark|earmarked|cost|costs|price|pricing|ballpark|money|funds|approved|approve|sanctioned|reserved|presupuesto|gastar|set+aside",
]);
/** Money that is not a budget: revenue, fund-raising, salaries, deal sizes, someone else's price. */
const otherMoney = compilePatterns([
  "revenue|revenues|arr|mrr|turnover|valuation|salary|salaries|raised|raise|round|series|quota|pipeline|profit|profits|acv|tcv|lost|saved|worth|grossed|generate|generated|charge|charges|acquired|loan|mortgage|rent|lunch|fine|fined",
  "in sales",
  "deal|contract size|value",
]);
const budgetNoun = compilePatterns(["budget|budgets|presupuesto"]);
const forThis = compilePatterns(["for this|it|that|the+tool|a+tool|the+project|something+like+this"]);
const vagueAmounts = compilePatterns(["a few|couple|several hundred|thousand|grand|k"]);
const scaleWords = new Set([
  "k",
  "m",
  "mm",
  "grand",
  "million",
  "thousand",
  "lakh",
  "crore",
  "bn",
  "billion",
]);

const CONFIDENCE = { statement: 0.9, amountInBudgetSentence: 0.85, answer: 0.75 } as const;

interface Finding {
  status: BudgetStatus;
  match: { start: number; end: number };
  sentence: Sentence;
  /** The amount the words were next to, when they were. */
  money?: MoneyMention;
}

function statements(analysis: Analysis, sentence: Sentence, patterns: readonly Pattern[]): Match[] {
  return findAny(analysis, patterns, sentence.first, sentence.end).filter((match) =>
    isFactual(analysis, match.start, match.end),
  );
}

function statusFindings(analysis: Analysis, sentence: Sentence): Finding[] {
  const findings: Finding[] = [];
  const add = (status: BudgetStatus, match: { start: number; end: number }) =>
    findings.push({ status, match, sentence });
  for (const match of statements(analysis, sentence, nonePatterns)) {
    const next = analysis.tokens[match.end];
    if (next && notAShortage.has(next.normal)) continue;
    if (!isNegated(analysis, match.start, match.start, 2)) add("none", match);
  }
  for (const match of statements(analysis, sentence, exploringPatterns)) {
    if (!isNegated(analysis, match.start, match.start, 2)) add("exploring", match);
  }
  for (const match of statements(analysis, sentence, haveBudget)) {
    // "we had a budget of 30k last year but it got cut": a budget that was, not one that is.
    if (analysis.tokens[match.start]?.normal === "had") continue;
    const next = analysis.tokens[match.end];
    if (next && notAShortage.has(next.normal)) continue;
    // "we have a budget in mind" is a ballpark, not money set aside.
    if (next?.normal === "in" && analysis.tokens[match.end + 1]?.normal === "mind") continue;
    if (isNegated(analysis, match.start, match.end)) add("none", match);
    else add("allocated", match);
  }
  for (const match of statements(analysis, sentence, allocatedPatterns)) {
    // "the budget isn't approved yet", "we'd need to get budget approved": in progress, not absent.
    const pending = isPending(analysis, sentence, match.start);
    add(pending || isNegated(analysis, match.start, match.end) ? "exploring" : "allocated", match);
  }
  return findings;
}

function isPending(analysis: Analysis, sentence: Sentence, start: number): boolean {
  return analysis.tokens
    .slice(Math.max(sentence.first, start - 4), start)
    .some((token) => pendingWords.has(token.normal));
}

function isBudgetSentence(analysis: Analysis, sentence: Sentence): boolean {
  return findAny(analysis, budgetWords, sentence.first, sentence.end).length > 0;
}

function isOtherMoneySentence(analysis: Analysis, sentence: Sentence): boolean {
  return (
    findAny(analysis, otherMoney, sentence.first, sentence.end).length > 0 &&
    findAny(analysis, budgetNoun, sentence.first, sentence.end).length === 0
  );
}

/**
 * "Our current vendor charges us $900 a month; we've set aside $1,200 a month for the switch": the
 * other money is confined to its own clause, and the amount sits in a clause that holds or approves it.
 */
function isBudgetClauseBesideOtherMoney(
  analysis: Analysis,
  sentence: Sentence,
  money: MoneyMention,
): boolean {
  const clause = clauseAround(analysis, sentence, money.start);
  if (findAny(analysis, otherMoney, clause.from, clause.to).length > 0) return false;
  if (!analysis.tokens.slice(sentence.first, clause.from).some((token) => token.normal === ";")) return false;
  return (
    findAny(analysis, approvalWords, clause.from, clause.to).length > 0 ||
    findAny(analysis, holdingMoney, clause.from, money.start).length > 0
  );
}

/** "we have 10k for this year": a held figure with a multiplier, not followed by what it counts. */
function isHeldScaledAmount(analysis: Analysis, sentence: Sentence, money: MoneyMention): boolean {
  if (!isScaledOrMarked(analysis, money)) return false;
  if (near(analysis, holdingMoney, sentence, money, 3, 0).length === 0) return false;
  const next = analysis.tokens[money.end];
  if (next && next.kind !== "punctuation" && !afterHeldMoney.has(next.normal)) return false;
  // "we have 10k leads a month": a counted noun inside the mention makes it a volume.
  return !analysis.tokens
    .slice(money.start, money.end)
    .some(
      (token) =>
        token.kind === "word" &&
        ["NOUN", "PROPN", "VERB"].includes(token.pos) &&
        !moneyNouns.test(token.normal),
    );
}

function isScaledOrMarked(analysis: Analysis, money: MoneyMention): boolean {
  return (
    money.marked ||
    analysis.tokens.slice(money.start, money.end).some((token) => scaleWords.has(token.normal))
  );
}

function near(
  analysis: Analysis,
  patterns: readonly Pattern[],
  sentence: Sentence,
  money: MoneyMention,
  before: number,
  after: number,
): Match[] {
  const from = Math.max(sentence.first, money.start - before);
  const to = Math.min(sentence.end, money.end + after);
  return findAny(analysis, patterns, from, to).filter(
    (match) => match.end <= money.start || match.start >= money.end,
  );
}

/** Money in the sentence that is about the prospect's budget. */
function budgetMoney(
  context: ReadingContext,
  sentence: Sentence,
  answeringBudget: boolean,
  statusStated: boolean,
): MoneyMention[] {
  const { analysis } = context;
  const otherMoneySentence = isOtherMoneySentence(analysis, sentence);
  const aboutBudget = isBudgetSentence(analysis, sentence) || answeringBudget;
  // A reply that is only an amount ("10-15 thousand euros") is a ballpark.
  const fragment =
    context.words <= 8 && !analysis.tokens.some((token) => token.pos === "VERB" || token.pos === "AUX");
  return findMoney(analysis, sentence.first, sentence.end, { assumeMoney: true }).filter((money) => {
    if (!isFactual(analysis, money.start, money.end)) return false;
    if (isSpendingReport(analysis, sentence, money)) return false;
    if (otherMoneySentence) return isBudgetClauseBesideOtherMoney(analysis, sentence, money);
    const clause = clauseAround(analysis, sentence, money.start);
    // "no more than €500 a month" is a ceiling, not a negation.
    const capped = near(analysis, ceilingWords, sentence, money, 3, 0).length > 0;
    if (!capped && isNegated(analysis, money.start, money.end, Math.min(6, money.start - clause.from)))
      return false;
    if (aboutBudget) return true;
    // "we're thinking 50-60k", "finance signed off on 80k": next to a ballpark or an approval, a
    // figure with a multiplier can only be money.
    if (isScaledOrMarked(analysis, money) && (statusStated || (fragment && money.marked))) return true;
    if (
      isScaledOrMarked(analysis, money) &&
      (near(analysis, exploringNearAmount, sentence, money, 4, 0).length > 0 ||
        near(analysis, approvalWords, sentence, money, 6, 6).length > 0)
    )
      return true;
    if (isHeldScaledAmount(analysis, sentence, money)) return true;
    // Otherwise only a currency amount that is held, approved, meant "for this", capped, or per month/year.
    if (!money.marked) return false;
    return (
      money.period !== undefined ||
      near(analysis, ceilingWords, sentence, money, 3, 0).length > 0 ||
      near(analysis, holdingMoney, sentence, money, 3, 0).length > 0 ||
      near(analysis, approvalWords, sentence, money, 6, 6).length > 0 ||
      near(analysis, forThis, sentence, money, 0, 4).length > 0
    );
  });
}

/** What the words right around an amount say about its status. */
function findingsNearMoney(analysis: Analysis, sentence: Sentence, money: MoneyMention): Finding[] {
  const findings: Finding[] = [];
  for (const approval of near(analysis, approvalWords, sentence, money, 6, 6)) {
    const before = analysis.tokens.slice(Math.max(sentence.first, approval.start - 3), approval.start);
    if (before.some((token) => pendingWords.has(token.normal))) continue;
    const negated = isNegated(analysis, approval.start, approval.end);
    findings.push({ status: negated ? "exploring" : "allocated", match: approval, sentence, money });
  }
  for (const holding of near(analysis, holdingMoney, sentence, money, 3, 0)) {
    // "we've been paying 400 a month": "have" is an auxiliary there, not holding the money.
    const verbBetween = analysis.tokens
      .slice(holding.end, money.start)
      .some((token) => token.pos === "VERB" || token.pos === "AUX");
    if (verbBetween) continue;
    if (!isNegated(analysis, holding.start, money.start))
      findings.push({ status: "allocated", match: holding, sentence, money });
  }
  for (const owned of near(analysis, budgetIsAmount, sentence, money, 5, 0)) {
    if (!isNegated(analysis, owned.start, money.start))
      findings.push({ status: "allocated", match: owned, sentence, money });
  }
  for (const ballpark of near(analysis, exploringNearAmount, sentence, money, 4, 0)) {
    findings.push({ status: "exploring", match: ballpark, sentence, money });
  }
  if (money.marked) {
    for (const ceiling of near(analysis, ceilingWords, sentence, money, 3, 0)) {
      findings.push({ status: "exploring", match: ceiling, sentence, money });
    }
  }
  return findings;
}

function withAmount(status: BudgetStatus, money: MoneyMention | undefined): BudgetValue {
  if (!money || status === "none") return { status };
  return {
    status,
    amount: money.amount,
    ...(money.currency ? { currency: money.currency } : {}),
    ...(money.period ? { period: money.period } : {}),
  };
}

function evidenceFor(analysis: Analysis, parts: readonly { start: number; end: number }[]): string[] {
  const ordered = [...parts].sort((a, b) => a.start - b.start);
  const first = ordered[0]!;
  const end = Math.max(...ordered.map((part) => part.end));
  const sameSentence = analysis.tokens[first.start]!.sentence === analysis.tokens[end - 1]!.sentence;
  if (sameSentence) return [quote(analysis, first.start, end)];
  return [...new Set(ordered.map((part) => quote(analysis, part.start, part.end)))];
}

/**
 * One status for the message. Allocated beats everything ("not approved yet, but we have 50k set
 * aside"); "no budget" plus a way forward ("nothing set aside, I'd have to ask for it") is exploring.
 */
function decideStatus(findings: readonly Finding[]): Finding | undefined {
  const of = (status: BudgetStatus) => findings.find((finding) => finding.status === status);
  const allocated = of("allocated");
  if (allocated) return allocated;
  const exploring = of("exploring");
  const none = of("none");
  if (exploring && none) return exploring;
  return none ?? exploring;
}

/** Status and amount of the prospect's budget, or nothing when the message does not state one. */
export function readBudget(context: ReadingContext): SignalOf<"budget">[] {
  const { analysis } = context;
  const answeringBudget = context.askedSlot === "budget" && context.shortAnswer;
  const findings: Finding[] = [];
  const amounts: { money: MoneyMention; sentence: Sentence }[] = [];
  for (const sentence of analysis.sentences) {
    if (isQuestion(analysis, sentence)) continue;
    const stated = statusFindings(analysis, sentence);
    findings.push(...stated);
    for (const money of budgetMoney(context, sentence, answeringBudget, stated.length > 0)) {
      amounts.push({ money, sentence });
      findings.push(...findingsNearMoney(analysis, sentence, money));
    }
    // "a few hundred a month would be fine": a ballpark without a figure.
    if (amounts.length === 0 && (answeringBudget || isBudgetSentence(analysis, sentence))) {
      const vague = findAny(analysis, vagueAmounts, sentence.first, sentence.end)[0];
      if (vague) findings.push({ status: "exploring", match: vague, sentence });
    }
  }
  if (findings.length === 0 && amounts.length === 0) return answerToBudgetQuestion(context);

  const finding = decideStatus(findings);
  // The amount the deciding words were about; else the one nearest them; else the last stated
  // (later amounts correct earlier ones: "we have 15k… sorry, the budget is 18k").
  const nearest = finding
    ? amounts
        .filter((amount) => amount.sentence === finding.sentence)
        .sort(
          (a, b) =>
            Math.abs(a.money.start - finding.match.start) - Math.abs(b.money.start - finding.match.start),
        )[0]?.money
    : undefined;
  const money = finding?.money ?? nearest ?? amounts[amounts.length - 1]?.money;
  if (finding) {
    // "no budget yet, maybe 10k": an amount means it is not nothing.
    const status = finding.status === "none" && money ? "exploring" : finding.status;
    const parts = money && status !== "none" ? [finding.match, money] : [finding.match];
    return [
      {
        field: "budget",
        value: withAmount(status, money),
        evidence: evidenceFor(analysis, parts),
        confidence: CONFIDENCE.statement,
      },
    ];
  }
  // A figure in a budget sentence with nothing said about its status is a ballpark.
  const chosen = money!;
  return [
    {
      field: "budget",
      value: withAmount("exploring", chosen),
      evidence: [quote(analysis, chosen.start, chosen.end)],
      confidence: CONFIDENCE.amountInBudgetSentence,
    },
  ];
}

/** "yes" / "no" / "not yet" right after the bot asked about budget. */
function answerToBudgetQuestion(context: ReadingContext): SignalOf<"budget">[] {
  if (context.askedSlot !== "budget" || !context.shortAnswer) return [];
  const answer = answerWord(context.analysis);
  if (!answer) return [];
  const status: BudgetStatus | undefined =
    answer.kind === "yes"
      ? "allocated"
      : answer.kind === "no"
        ? "none"
        : answer.kind === "not_yet"
          ? "exploring"
          : undefined;
  if (!status) return [];
  return [{ field: "budget", value: { status }, evidence: [answer.quote], confidence: CONFIDENCE.answer }];
}

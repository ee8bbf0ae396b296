import type { BudgetStatus, BudgetValue, SignalOf } from "../../core/qualification.js";
import { type Analysis, quote, type Sentence } from "./analysis.js";
import { correctedWithinMessage, readAmountCorrection } from "./budget-corrections.js";
import {
  afterHeldMoney,
  allocatedPatterns,
  approvalWords,
  approvedPronoun,
  budgetForIsAmount,
  budgetIsAmount,
  budgetNoun,
  budgetWords,
  ceilingWords,
  exploringInMoneyTalk,
  exploringNearAmount,
  exploringPatterns,
  forThis,
  haveBudget,
  holdingMoney,
  moneyNoObstacle,
  moneyNouns,
  noneInMoneyTalk,
  nonePatterns,
  notAShortage,
  otherMoney,
  pendingWords,
  privateBudgets,
  scaleWords,
  signingLimits,
  vagueAmounts,
} from "./budget-phrases.js";
import { isSpeculation, subjectAt } from "./clause-subject.js";
import { clauseAround, isFactual, isHypothetical, isNegated, isPastTense, isQuestionAt } from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import { findMoney, type MoneyMention } from "./money.js";
import { findAny, type Match, type Pattern } from "./phrase-matcher.js";
import { answerWord } from "./short-answers.js";
import { isSpendingReport } from "./spending-reports.js";

// Budget status and amount. Status comes from what is said about the budget (none / exploring /
// allocated); an amount needs a sentence about budget or spending, an amount the prospect holds
// ("we have $50k", "there's $250/month for it"), an approval beside it ("€40k/yr approved"), or a
// reply to the budget question. Revenue, funding rounds and salaries never become a budget.

const CONFIDENCE = { statement: 0.9, amountInBudgetSentence: 0.85, answer: 0.75 } as const;

interface Finding {
  status: BudgetStatus;
  match: { start: number; end: number };
  sentence: Sentence;
  /** The amount the words were next to, when they were. */
  money?: MoneyMention;
}

function statements(analysis: Analysis, sentence: Sentence, patterns: readonly Pattern[]): Match[] {
  return findAny(analysis, patterns, sentence.first, sentence.end).filter(
    (match) => isFactual(analysis, match.start, match.end) && isSpeakersMoney(analysis, match.start),
  );
}

/**
 * "your competitor quoted my friend 15k", "Bitcoin hit 100k", "I wonder if prices will double": money
 * in a clause about us, someone else or something else is not the prospect's budget.
 */
function isSpeakersMoney(analysis: Analysis, index: number, amount?: MoneyMention): boolean {
  if (isSpeculation(analysis, index)) return false;
  // The amount itself is never the subject ("400 euros a month would work").
  const judged = amount ? { from: amount.start, to: amount.end } : undefined;
  return subjectAt(analysis, index, judged).kind === "speaker";
}

/** Nouns an amount may price while still being the budget: "a $120k budget", "a 50k project". */
const purchaseNouns = new Set([
  "budget",
  "budgets",
  "project",
  "plan",
  "package",
  "tier",
  "subscription",
  "contract",
  "deal",
  "investment",
  "spend",
  "allowance",
  "tool",
  "solution",
  "platform",
  "software",
  "license",
  "licence",
  "pilot",
  "engagement",
  "retainer",
  "cap",
  "limit",
  "max",
  "range",
  "ballpark",
  "ceiling",
  "grant",
  "grants",
  "fund",
  "funding",
  "stipend",
]);
const determiners = new Set(["a", "an", "the", "this", "that", "my", "our", "his", "her", "their", "your"]);

/** "a $200 gift card", "a $6 latte", "the 30k booth": the amount is the price of the thing after it. */
function pricesAThing(analysis: Analysis, money: MoneyMention): boolean {
  const next = analysis.tokens[money.end];
  if (!next || (next.pos !== "NOUN" && next.pos !== "PROPN") || next.kind !== "word") return false;
  if (moneyNouns.test(next.normal) || purchaseNouns.has(next.normal)) return false;
  return determiners.has(analysis.tokens[money.start - 1]?.normal ?? "");
}

/** "if we had budget we'd spend 50k": a past-tense condition imagines what is not so. */
function isCounterfactual(analysis: Analysis, sentence: Sentence, match: Match): boolean {
  const { from } = clauseAround(analysis, sentence, match.start);
  return analysis.tokens.slice(from, match.start).some((token) => isPastTense(token));
}

/** "we can pay by card", "happy to pay annually": how they would pay, not what they would spend. */
const paymentTerms = new Set([
  "by",
  "with",
  "via",
  "through",
  "in",
  "on",
  "monthly",
  "annually",
  "upfront",
  "online",
  "yearly",
]);

function isPaymentTerms(analysis: Analysis, match: Match): boolean {
  const last = analysis.tokens[match.end - 1]!;
  return last.lemma === "pay" && paymentTerms.has(analysis.tokens[match.end]?.normal ?? "");
}

/** "no funds available": the negation quantifies the money (none), not the verb ("isn't approved yet"). */
const quantifyingNegators = new Set(["no", "zero"]);
/** …when the words say the money is there ("no funds available"); "no budget approved yet" is still pending. */
const existenceWords = new Set(["available", "there", "left", "place"]);

/**
 * What the sentence says about the budget. `moneyTalk`: the message is about money (budget words, an
 * amount, a reply to the budget question), so "it's been approved" and "nothing's locked in" are too.
 */
function statusFindings(analysis: Analysis, sentence: Sentence, moneyTalk: boolean): Finding[] {
  const findings: Finding[] = [];
  const add = (status: BudgetStatus, match: { start: number; end: number }) =>
    findings.push({ status, match, sentence });
  for (const match of statements(analysis, sentence, nonePatterns)) {
    const next = analysis.tokens[match.end];
    if (next && notAShortage.has(next.normal)) continue;
    if (!isNegated(analysis, match.start, match.start, 2)) add("none", match);
  }
  // Willingness may be conditional ("if the pricing makes sense we can find the money"): still exploring.
  for (const match of findAny(analysis, exploringPatterns, sentence.first, sentence.end)) {
    if (isNegated(analysis, match.start, match.start, 2) || isPaymentTerms(analysis, match)) continue;
    const conditional = isHypothetical(analysis, match.start) && !isCounterfactual(analysis, sentence, match);
    if (isFactual(analysis, match.start, match.end) || conditional) add("exploring", match);
  }
  for (const match of statements(analysis, sentence, haveBudget)) {
    // "we had a budget of 30k last year but it got cut": a budget that was, not one that is.
    if (analysis.tokens[match.start]?.normal === "had") continue;
    const next = analysis.tokens[match.end];
    if (next && notAShortage.has(next.normal)) continue;
    // "we have a budget in mind" is a ballpark, not money set aside.
    if (next?.normal === "in" && analysis.tokens[match.end + 1]?.normal === "mind") continue;
    // "I have the money to hire two more reps": money for something else.
    if (next?.normal === "to" && !spendVerbs.has(analysis.tokens[match.end + 1]?.lemma ?? "")) continue;
    if (isNegated(analysis, match.start, match.end)) add("none", match);
    else add("allocated", match);
  }
  for (const match of statements(analysis, sentence, allocatedPatterns)) {
    const existence = analysis.tokens
      .slice(match.start, match.end)
      .some((token) => existenceWords.has(token.normal));
    if (existence && quantifyingNegators.has(analysis.tokens[match.start - 1]?.normal ?? "")) {
      add("none", match);
      continue;
    }
    // "we don't have money set aside" is none; "the budget isn't approved yet", "we'd need to get
    // budget approved" are in progress, not absent.
    if (deniesHaving(analysis, sentence, match)) {
      add("none", match);
      continue;
    }
    const pending = isPending(analysis, sentence, match.start);
    add(pending || isNegated(analysis, match.start, match.end) ? "exploring" : "allocated", match);
  }
  for (const match of statements(analysis, sentence, moneyNoObstacle)) add("allocated", match);
  if (!moneyTalk) return findings;
  for (const match of statements(analysis, sentence, approvedPronoun)) {
    const pending = isPending(analysis, sentence, match.start);
    add(pending || isNegated(analysis, match.start, match.end) ? "exploring" : "allocated", match);
  }
  for (const match of statements(analysis, sentence, exploringInMoneyTalk)) add("exploring", match);
  for (const match of statements(analysis, sentence, noneInMoneyTalk)) add("none", match);
  return findings;
}

/** What held money may be "to" do and still be this purchase: "we have the funds to buy it". */
const spendVerbs = new Set(["spend", "invest", "buy", "pay", "cover", "purchase", "fund", "get", "do"]);

function deniesHaving(analysis: Analysis, sentence: Sentence, match: Match): boolean {
  const { from } = clauseAround(analysis, sentence, match.start);
  for (let index = Math.max(from, match.start - 4); index < match.start; index++) {
    const token = analysis.tokens[index]!;
    const next = analysis.tokens[index + 1];
    if (["not", "never"].includes(token.normal) && next && ["have", "get"].includes(next.lemma)) return true;
  }
  return false;
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

/** Below this, an amount with no period and no budget word is pocket change. */
const POCKET_CHANGE = 100;

/** Budgets of a billion or more are never what a prospect has for this product. */
const IMPLAUSIBLE_BUDGET = 1_000_000_000;

/** "revenue's about $40M but the budget is TBD": the figure sits in the revenue clause, not the budget's. */
function isOtherMoneyClause(analysis: Analysis, sentence: Sentence, money: MoneyMention): boolean {
  const clause = clauseAround(analysis, sentence, money.start);
  return (
    findAny(analysis, otherMoney, clause.from, clause.to).length > 0 &&
    findAny(analysis, budgetNoun, clause.from, clause.to).length === 0
  );
}

/** "trying to figure out my trip budget": the only budget in the sentence is a private one. */
function isPrivateBudgetSentence(analysis: Analysis, sentence: Sentence): boolean {
  const privateOnes = findAny(analysis, privateBudgets, sentence.first, sentence.end).length;
  return privateOnes > 0 && findAny(analysis, budgetNoun, sentence.first, sentence.end).length <= privateOnes;
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

const vagueQuantifiers = new Set(["couple", "few", "several"]);

/** "the CFO signs anything over $10k", "I can approve up to 5k on my own": a limit, not a budget. */
function isSigningLimit(analysis: Analysis, sentence: Sentence, money: MoneyMention): boolean {
  return near(analysis, signingLimits, sentence, money, 8, 0).length > 0;
}

/** "a couple hundred a month", "a few thousand": a vague quantity has no amount (evals/README.md). */
function isVagueQuantity(analysis: Analysis, money: MoneyMention): boolean {
  const words = [money.start - 1, money.start, money.start + 1].map(
    (index) => analysis.tokens[index]?.normal,
  );
  return words.some((word) => word !== undefined && vagueQuantifiers.has(word));
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
    if (!isFactual(analysis, money.start, money.end) || !isSpeakersMoney(analysis, money.start, money))
      return false;
    if (pricesAThing(analysis, money)) return false;
    // "my budget is a billion dollars": no one buys lead qualification for that; it is a joke or a typo.
    if (money.amount >= IMPLAUSIBLE_BUDGET) return false;
    if (isOtherMoneyClause(analysis, sentence, money)) return false;
    if (isSpendingReport(analysis, sentence, money)) return false;
    if (isSigningLimit(analysis, sentence, money) || isVagueQuantity(analysis, money)) return false;
    if (otherMoneySentence) return isBudgetClauseBesideOtherMoney(analysis, sentence, money);
    const clause = clauseAround(analysis, sentence, money.start);
    // "no more than €500 a month" is a ceiling, not a negation.
    const capped = near(analysis, ceilingWords, sentence, money, 3, 0).length > 0;
    if (!capped && isNegated(analysis, money.start, money.end, Math.min(6, money.start - clause.from)))
      return false;
    if (aboutBudget) return true;
    // "I have $20 in my pocket": a one-off sum this small is pocket change, not money for software.
    if (money.period === undefined && money.amount < POCKET_CHANGE) return false;
    // "we're thinking 50-60k", "finance signed off on 80k": next to a ballpark or an approval, a
    // figure with a multiplier can only be money.
    if (isScaledOrMarked(analysis, money) && (statusStated || (fragment && money.marked))) return true;
    // "keep it under 500 a month": a per-period figure beside a ballpark is money too.
    const shaped = isScaledOrMarked(analysis, money) || money.period !== undefined;
    if (
      shaped &&
      (near(analysis, exploringNearAmount, sentence, money, 4, 0).length > 0 ||
        near(analysis, ceilingWords, sentence, money, 3, 0).length > 0 ||
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
  const owners = [
    ...near(analysis, budgetIsAmount, sentence, money, 5, 0),
    ...near(analysis, budgetForIsAmount, sentence, money, 8, 0),
  ];
  for (const owned of owners) {
    if (!isNegated(analysis, owned.start, money.start))
      findings.push({ status: "allocated", match: owned, sentence, money });
  }
  for (const ballpark of near(analysis, exploringNearAmount, sentence, money, 4, 0)) {
    findings.push({ status: "exploring", match: ballpark, sentence, money });
  }
  // "max 800/mo": a ceiling on a per-period or scaled figure is a ballpark too.
  if (money.marked || money.period !== undefined || isScaledOrMarked(analysis, money)) {
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

/** Budget words anywhere, or a figure that can only be money ("20k", "$300", "twenty thousand"). */
function talksMoney(analysis: Analysis): boolean {
  if (findAny(analysis, budgetWords).length > 0) return true;
  return findMoney(analysis, 0, analysis.tokens.length, { assumeMoney: true }).some((money) =>
    isScaledOrMarked(analysis, money),
  );
}

/** Status and amount of the prospect's budget, or nothing when the message does not state one. */
export function readBudget(context: ReadingContext): SignalOf<"budget">[] {
  const { analysis } = context;
  const answeringBudget = context.askedSlot === "budget" && context.shortAnswer;
  const findings: Finding[] = [];
  const amounts: { money: MoneyMention; sentence: Sentence }[] = [];
  const moneyTalk = answeringBudget || talksMoney(analysis);
  // "oops typo, $18k": a bare figure after a correction word replaces the amount stated before.
  const correction = readAmountCorrection(context);
  for (const sentence of analysis.sentences) {
    // A trailing question ("…, what do similar companies spend?") leaves the statement before it.
    if (isQuestionAt(analysis, sentence.first)) continue;
    if (isPrivateBudgetSentence(analysis, sentence)) continue;
    const stated = statusFindings(analysis, sentence, moneyTalk);
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
  const statusWords = findings.some((finding) => finding.money === undefined);
  if (correction.length > 0 && !statusWords) return correction;
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
  const stated = finding?.money ?? nearest ?? amounts[amounts.length - 1]?.money;
  const money = stated ? correctedWithinMessage(analysis, stated) : undefined;
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

const existenceQuestion =
  /\b(set aside|allocated|approved|earmarked|is there (a |any )?budget|do you have (a |any )?budget)/i;
const ballparkQuestion = /\b(in mind|range|ballpark|working with|roughly|how much)\b/i;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** "yes" / "no" / "not yet" right after the bot asked about budget. */
function answerToBudgetQuestion(context: ReadingContext): SignalOf<"budget">[] {
  if (context.askedSlot !== "budget" || !context.shortAnswer) return [];
  const answer = answerWord(context.analysis);
  if (!answer) return [];
  // "Is there budget set aside?" "no, not yet" is no budget (evals/README.md: "No budget yet" alone is
  // none); "not yet" to "a budget in mind?", "not yet, but working on it" or "no idea yet" is one
  // still being worked out.
  const askedIfMoneyExists =
    context.lastBotText !== undefined &&
    existenceQuestion.test(context.lastBotText) &&
    !ballparkQuestion.test(context.lastBotText);
  const saysMore = context.words > wordCount(answer.quote) + 1 || !askedIfMoneyExists;
  const status: BudgetStatus | undefined =
    answer.kind === "yes"
      ? "allocated"
      : answer.kind === "no"
        ? "none"
        : answer.kind === "not_yet"
          ? saysMore
            ? "exploring"
            : "none"
          : answer.kind === "unsure" && /\byet\b/i.test(context.analysis.text)
            ? "exploring"
            : undefined;
  if (!status) return [];
  return [{ field: "budget", value: { status }, evidence: [answer.quote], confidence: CONFIDENCE.answer }];
}

import type { Analysis, Sentence } from "./analysis.js";
import { clauseAround, clauseIsPast, isPastTense } from "./clauses.js";
import type { MoneyMention } from "./money.js";

// "We paid €20k for our last chatbot", "we spent 30k on Salesforce last year", "we're paying $49/month
// for Tidio now": what money went (or goes) to someone else is history or a comparison, not the
// budget for this purchase. Only a forward statement beside it ("and will budget the same", "would
// spend the same") turns it into one — and then that statement is what the budget reader finds.

const spendVerbs = new Set([
  "pay",
  "paid",
  "paying",
  "pays",
  "spend",
  "spent",
  "spending",
  "spends",
  "charge",
  "charged",
  "charges",
  "charging",
  "cost",
  "costs",
  "costed",
  "dropped",
  "blew",
  "wasted",
  "shelled",
  "forked",
  "sank",
  "sunk",
  "burned",
  "burnt",
  "invested",
]);
/** Words that date the spending: "last year", "three years ago", "our old vendor", "back in 2025". */
const pastMarkers = new Set([
  "last",
  "ago",
  "previous",
  "previously",
  "old",
  "former",
  "prior",
  "back",
  "once",
  "used",
  "was",
  "were",
  "had",
]);
/** Words that make it today's running cost: "paying $49/month for Tidio now", "our current vendor charges". */
const currentMarkers = new Set(["now", "currently", "current", "today", "existing", "present", "already"]);
/** A forward statement in the sentence: "…and will budget the same", "would spend the same". */
const forwardMarkers = new Set([
  "will",
  "'ll",
  "would",
  "'d",
  "could",
  "can",
  "willing",
  "happy",
  "prepared",
  "plan",
  "planning",
  "same",
  "budget",
  "budgeted",
  "allocated",
  "approved",
  "aside",
]);

/** Words that date a figure to an earlier period or thing: "last year's budget was", "our previous solution was". */
const earlierMarkers = new Set(["last", "ago", "previous", "previously", "old", "former", "prior", "back"]);
/** A past approval is today's money: "finance signed off on 80k last week". */
const approvalMarkers = new Set([
  "approved",
  "allocated",
  "signed",
  "earmarked",
  "aside",
  "sanctioned",
  "reserved",
  "committed",
  "secured",
  "budgeted",
  "greenlit",
  "green-lit",
  "ring-fenced",
]);
const futureMarkers = new Set(["will", "'ll", "would", "'d", "could", "can", "plan", "planning", "same"]);

const SPEND_VERB_REACH = 8;
/** How far back a "Budget last year:" label may start. */
const LABEL_REACH = 6;

/**
 * The amount is money paid (or being paid) to someone, told as history or as today's cost, or a
 * figure from an earlier period, with no forward statement in its clause.
 */
/** What may cost money and still be this purchase: "it costs…", "this would cost…". */
const purchasePronouns = new Set(["it", "this", "that", "one", "which", "what"]);

/** The clause names a subject noun before the cost verb ("our payroll software", "the booth"). */
function namesAThing(analysis: Analysis, from: number, verb: number): boolean {
  const subject = analysis.tokens.slice(from, verb).filter((token) => token.kind === "word");
  if (subject.some((token) => purchasePronouns.has(token.normal))) return false;
  return subject.some((token) => token.pos === "NOUN" || token.pos === "PROPN");
}

export function isSpendingReport(analysis: Analysis, sentence: Sentence, money: MoneyMention): boolean {
  const clause = clauseAround(analysis, sentence, money.start);
  const tokens = analysis.tokens;
  let verb: number | undefined;
  for (let index = money.start - 1; index >= Math.max(clause.from, money.start - SPEND_VERB_REACH); index--) {
    if (spendVerbs.has(tokens[index]!.normal)) {
      verb = index;
      break;
    }
  }
  const words = tokens.slice(clause.from, clause.to);
  const nearby = (markers: Set<string>) => words.some((token) => markers.has(token.normal));
  if (verb === undefined) {
    // "Last year's budget was $100k", "our previous solution was $2,000/month": a figure from before.
    // "Budget last year: 20k" has no verb at all; the label before the colon dates it.
    let labelStart = clause.from;
    while (
      labelStart > Math.max(sentence.first, clause.from - LABEL_REACH) &&
      !/[.;!?]$/.test(tokens[labelStart - 1]!.text)
    )
      labelStart--;
    const label = tokens.slice(labelStart, clause.to);
    const verbless = !label.some((token) => token.pos === "VERB" || token.pos === "AUX");
    if (verbless) return label.some((token) => earlierMarkers.has(token.normal));
    return (
      clauseIsPast(analysis, clause.from, clause.to) &&
      nearby(earlierMarkers) &&
      !nearby(approvalMarkers) &&
      !nearby(futureMarkers)
    );
  }
  if (nearby(forwardMarkers)) return false;
  const verbToken = tokens[verb]!;
  // "we spend about 2k a month on ads": what goes out today, not what they would spend on this.
  const before = tokens[verb - 1]?.normal ?? "";
  if (["spend", "pay"].includes(verbToken.normal) && !["to", "and", "or"].includes(before)) return true;
  // "the booth costs us 5k each year": what something else costs them today.
  if (
    ["cost", "costs", "charge", "charges"].includes(verbToken.normal) &&
    ["us", "me"].includes(tokens[verb + 1]?.normal ?? "")
  )
    return true;
  // "our payroll software alone costs like 900 a month": the price of something they already have.
  if (["cost", "costs"].includes(verbToken.normal) && namesAThing(analysis, clause.from, verb)) return true;
  const past =
    isPastTense(verbToken) ||
    ["paid", "spent", "charged", "dropped", "blew", "wasted", "shelled", "forked", "sank", "sunk"].includes(
      verbToken.normal,
    ) ||
    nearby(pastMarkers);
  return past || nearby(currentMarkers);
}

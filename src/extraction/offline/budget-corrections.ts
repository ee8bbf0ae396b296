import type { SignalOf } from "../../core/qualification.js";
import { quote } from "./analysis.js";
import { moneyNouns } from "./budget-phrases.js";
import { isQuestion } from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import { findMoney } from "./money.js";
import { compilePatterns, findAny } from "./phrase-matcher.js";

// "we have 25k a year" … "sorry, 35k, I was looking at last year's number": a bare figure after a
// correction word replaces the amount already stated. Only an amount stated before can be corrected,
// and the figure must be money by its own shape (a currency, "k", "grand", "million").

const correctionCues = compilePatterns([
  "sorry|oops|correction|typo|actually|wait|sry",
  "scratch|strike that",
  "my bad",
  "make that|it",
  "i mean|meant",
  "should be|have+been|read|say",
]);
const scaleWords = new Set(["k", "m", "mm", "mil", "mio", "grand", "thousand", "million", "lakh", "crore"]);
/** How far into the message the correction word may stand: it opens the correction. */
const CUE_REACH = 4;
const CONFIDENCE = 0.85;

export function readAmountCorrection(context: ReadingContext): SignalOf<"budget">[] {
  const { analysis } = context;
  const previous = context.state.budget?.value;
  if (!previous || previous.amount === undefined) return [];
  if (previous.status !== "exploring" && previous.status !== "allocated") return [];
  const cue = findAny(analysis, correctionCues, 0, Math.min(analysis.tokens.length, CUE_REACH))[0];
  const first = analysis.sentences[0];
  if (!cue || !first || isQuestion(analysis, first)) return [];
  const money = findMoney(analysis, cue.end, analysis.tokens.length, { assumeMoney: true }).find(
    (mention) => {
      const words = analysis.tokens.slice(mention.start, mention.end);
      // "sorry, 35k leads a month": a figure that counts something else corrects no budget.
      if (
        words.some((token) => token.kind === "word" && !moneyNouns.test(token.normal) && token.pos !== "DET")
      )
        return false;
      return mention.marked || words.some((token) => scaleWords.has(token.normal));
    },
  );
  if (!money || analysis.tokens[money.start]!.sentence !== first.index) return [];
  return [
    {
      field: "budget",
      value: {
        status: previous.status,
        amount: money.amount,
        ...(money.currency ? { currency: money.currency } : {}),
        ...(money.period ? { period: money.period } : {}),
      },
      evidence: [quote(analysis, money.start, money.end)],
      confidence: CONFIDENCE,
    },
  ];
}

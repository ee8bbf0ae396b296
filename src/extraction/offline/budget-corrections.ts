import type { SignalOf } from "../../core/qualification.js";
import { type Analysis, quote } from "./analysis.js";
import { moneyNouns } from "./budget-phrases.js";
import { isQuestion } from "./clauses.js";
import type { ReadingContext } from "./conversation-context.js";
import { findMoney, type MoneyMention } from "./money.js";
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
/** Inside one message only unmistakable corrections count: "actually we may get 20k more" is no fix. */
const inMessageCorrectionCues = compilePatterns([
  "sorry|oops|correction|typo|sry",
  "scratch|strike that",
  "my bad",
  "make that",
  "i meant",
  "should be|have+been",
]);
const scaleWords = new Set(["k", "m", "mm", "mil", "mio", "grand", "thousand", "million", "lakh", "crore"]);
/** How far into the message the correction word may stand: it opens the correction. */
const CUE_REACH = 4;
const CONFIDENCE = 0.85;

/** The first figure from `from` that is money by its own shape and is not the one rejected ("not 15k"). */
function correctingFigure(analysis: Analysis, from: number): MoneyMention | undefined {
  return findMoney(analysis, from, analysis.tokens.length, { assumeMoney: true }).find((mention) => {
    const words = analysis.tokens.slice(mention.start, mention.end);
    // "sorry, 35k leads a month": a figure that counts something else corrects no budget.
    if (words.some((token) => token.kind === "word" && !moneyNouns.test(token.normal) && token.pos !== "DET"))
      return false;
    if (rejections.has(analysis.tokens[mention.start - 1]?.normal ?? "")) return false;
    return mention.marked || words.some((token) => scaleWords.has(token.normal));
  });
}

/** "Rejected" figures: "18k not 15k", "18k instead of 15k", "18k rather than 15k". */
const rejections = new Set(["not", "of", "than"]);

/**
 * "we have 15k set aside, sorry, I meant 18k not 15k": within one message a correction word after
 * the chosen amount brings the figure that replaces it. Currency and period carry over when the
 * correction leaves them out.
 */
export function correctedWithinMessage(analysis: Analysis, chosen: MoneyMention): MoneyMention {
  const cue = findAny(analysis, inMessageCorrectionCues, chosen.end, analysis.tokens.length).find(
    (match) => !isQuestion(analysis, analysis.sentences[analysis.tokens[match.start]!.sentence]!),
  );
  if (!cue) return chosen;
  const figure = correctingFigure(analysis, cue.end);
  if (!figure || figure.amount === chosen.amount) return chosen;
  return {
    ...figure,
    ...(figure.currency || !chosen.currency ? {} : { currency: chosen.currency }),
    ...(figure.period || !chosen.period ? {} : { period: chosen.period }),
  };
}

export function readAmountCorrection(context: ReadingContext): SignalOf<"budget">[] {
  const { analysis } = context;
  const previous = context.state.budget?.value;
  if (!previous || previous.amount === undefined) return [];
  if (previous.status !== "exploring" && previous.status !== "allocated") return [];
  const cue = findAny(analysis, correctionCues, 0, Math.min(analysis.tokens.length, CUE_REACH))[0];
  const first = analysis.sentences[0];
  if (!cue || !first || isQuestion(analysis, first)) return [];
  const money = correctingFigure(analysis, cue.end);
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

import type { Move } from "../../core/policy.js";
import type { QualificationState } from "../../core/qualification.js";
import type { Slot } from "../../core/scorecard.js";
import type { TranscriptLine } from "../extractor.js";
import type { Analysis } from "./analysis.js";

/** What every field reader gets: the analysed message plus what the bot had just asked. */
export interface ReadingContext {
  analysis: Analysis;
  now: Date;
  /** The slot the bot's last line asked about: "yes", "next month" or "me" answer it. */
  askedSlot?: Slot;
  /** The bot's last line, when the prospect is replying to it. */
  lastBotText?: string;
  /** A short reply (a few words): read as the answer to `askedSlot`. */
  shortAnswer: boolean;
  state: QualificationState;
  /** Words and numbers in the message. */
  words: number;
}

const SHORT_ANSWER_WORDS = 12;

// Ordered: the first slot whose words appear in the bot's question wins, so "who would sign off on
// the budget?" is an authority question and "which email…" beats the company words around it.
const slotCues: [Slot, RegExp][] = [
  ["email", /\be-?mail\b/i],
  [
    "authority",
    /\b(signs?[- ]?off|sign off|decid|decision|your call|makes? the (?:final |last )?call|final say|your role|who else|involved in choosing|approv|job title|your title|position|role)\w*/i,
  ],
  ["budget", /\b(budget|spend|price range|invest|afford)\w*/i],
  [
    "timeline",
    /\b(when|how soon|timeline|time ?frame|date|deadline|by when|in place|get started|go live|launch)\b/i,
  ],
  [
    "company",
    /\b(company|organi[sz]ation|how many (people|employees)|team size|headcount|industry|based)\b/i,
  ],
  [
    "need",
    /\b(challenge|problem|solve|trying to|hoping to|looking for|looking to|prompted|improve|use case|pain|need|instead|happen|goal|brings you|driving|help you with|what would it|like (it|the bot|us) to|want (it|the bot|us) to|use (it|this|the bot) for|bot to do)\w*/i,
  ],
];

export function slotAskedBy(botText: string): Slot | undefined {
  if (!botText.includes("?")) return undefined;
  // Only the question itself: earlier sentences of the same bot turn are acknowledgements.
  const questions = botText.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.includes("?"));
  const question = questions[questions.length - 1] ?? botText;
  for (const [slot, cue] of slotCues) if (cue.test(question)) return slot;
  return undefined;
}

function plannedSlot(move: Move | undefined): Slot | undefined {
  if (!move) return undefined;
  if (move.kind === "ask" || move.kind === "explain_why") return move.slot;
  if (move.kind === "answer_price") return move.slot;
  return undefined;
}

/**
 * The slot the prospect is most likely answering: what the bot's last line asked, or — when that
 * line exists but its wording is unknown (an LLM reply) — the slot the policy was working on.
 */
export function askedSlotOf(history: readonly TranscriptLine[], plannedMove?: Move): Slot | undefined {
  const last = history[history.length - 1];
  if (last?.role !== "bot") return undefined;
  return slotAskedBy(last.text) ?? (last.text.includes("?") ? plannedSlot(plannedMove) : undefined);
}

export function lastBotLine(history: readonly TranscriptLine[]): string | undefined {
  const last = history[history.length - 1];
  return last?.role === "bot" ? last.text : undefined;
}

export function createReadingContext(
  analysis: Analysis,
  options: { now: Date; state: QualificationState; askedSlot?: Slot; lastBotText?: string },
): ReadingContext {
  const words = analysis.tokens.filter((token) => token.kind === "word" || token.kind === "number").length;
  return {
    analysis,
    now: options.now,
    state: options.state,
    words,
    shortAnswer: words <= SHORT_ANSWER_WORDS,
    ...(options.askedSlot ? { askedSlot: options.askedSlot } : {}),
    ...(options.lastBotText ? { lastBotText: options.lastBotText } : {}),
  };
}

import { z } from "zod";
import type { Intent } from "./intent.js";
import { Disqualifier, type QualificationView } from "./qualification.js";
import { type Condition, type FieldPath, type Score, type Scorecard, Slot } from "./scorecard.js";

/** The bot's next move: what the reply must do. Templates and the LLM both render a Move. */
export const Move = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("ask"),
    slot: Slot,
    /** First bot turn of the conversation. */
    greet: z.boolean().default(false),
    /** The prospect asked something we cannot answer here; acknowledge it before asking. */
    deferQuestion: z.boolean().default(false),
    /** The prospect declined the previous question; acknowledge gracefully. */
    afterDecline: z.boolean().default(false),
  }),
  z.object({ kind: z.literal("explain_why"), slot: Slot }),
  z.object({ kind: z.literal("answer_price"), slot: Slot.optional() }),
  z.object({ kind: z.literal("offer_handoff"), askEmail: z.boolean() }),
  z.object({ kind: z.literal("human_requested"), askEmail: z.boolean() }),
  z.object({ kind: z.literal("awaiting_handoff"), askEmail: z.boolean() }),
  z.object({ kind: z.literal("handed_off") }),
  z.object({ kind: z.literal("close_disqualified"), reason: Disqualifier }),
  z.object({ kind: z.literal("wrap_up") }),
  z.object({ kind: z.literal("goodbye") }),
  /** A human rep owns the conversation: the bot says nothing. */
  z.object({ kind: z.literal("silent") }),
]);
export type Move = z.infer<typeof Move>;
export type MoveKind = Move["kind"];

/** What the policy remembers between turns (stored per conversation). */
export const DialogueMemory = z.object({
  asked: z.partialRecord(Slot, z.number().int().min(0)).default({}),
  questions: z.number().int().min(0).default(0),
  lastMove: Move.optional(),
  closed: z.boolean().default(false),
});
export type DialogueMemory = z.infer<typeof DialogueMemory>;

export function emptyDialogueMemory(): DialogueMemory {
  return { asked: {}, questions: 0, closed: false };
}

export type HandoffStatusForPolicy = "pending" | "approved" | "rejected" | "reassigned" | null;

export interface PolicyInput {
  card: Scorecard;
  view: QualificationView;
  score: Score;
  intents: Intent[];
  memory: DialogueMemory;
  handoff: HandoffStatusForPolicy;
  /** A rep owns the conversation (takeover). */
  humanOwned: boolean;
}

const slotFields: Record<Slot, FieldPath[]> = {
  need: ["need.status"],
  authority: ["authority.status", "seniority"],
  timeline: ["timeline.status"],
  budget: ["budget.status", "budget.amount", "budget.currency", "budget.period"],
  company: ["company.name", "company.size", "company.industry", "company.region"],
  email: ["contact.email"],
};

function fieldsOf(condition: Condition): FieldPath[] {
  if ("all" in condition) return condition.all.flatMap(fieldsOf);
  if ("any" in condition) return condition.any.flatMap(fieldsOf);
  if ("not" in condition) return fieldsOf(condition.not);
  if ("atLeast" in condition) return condition.of.flatMap(fieldsOf);
  return [condition.field];
}

export function isSlotKnown(slot: Slot, view: QualificationView): boolean {
  switch (slot) {
    case "need":
      return view.need.status !== "unknown";
    case "authority":
      return view.authority.status !== "unknown";
    case "timeline":
      return view.timeline.status !== "unknown";
    case "budget":
      return view.budget.status !== "unknown";
    case "company":
      return view.company.name !== undefined || view.company.size !== undefined;
    case "email":
      return view.contact.email !== undefined;
  }
}

/**
 * Slots worth asking for, most valuable first: those that decide qualification (in `qualifyWhen`),
 * then those that earn points, each group in the card's ask order.
 */
export function rankSlots(card: Scorecard): Slot[] {
  const routing = new Set(fieldsOf(card.qualifyWhen));
  const pointsFor = (slot: Slot) =>
    Math.max(
      0,
      ...card.rules
        .filter(
          (rule) => rule.points > 0 && fieldsOf(rule.when).some((field) => slotFields[slot].includes(field)),
        )
        .map((rule) => rule.points),
    );
  const tier = (slot: Slot) => (slotFields[slot].some((field) => routing.has(field)) ? 0 : 1);
  const order = card.dialogue.askOrder;
  const position = (slot: Slot) => (order.includes(slot) ? order.indexOf(slot) : order.length);
  return Slot.options
    .filter((slot) => slot !== "email" && (tier(slot) === 0 || pointsFor(slot) > 0))
    .sort(
      (a, b) =>
        tier(a) - tier(b) || (tier(a) === 1 ? pointsFor(b) - pointsFor(a) : 0) || position(a) - position(b),
    );
}

/** The most valuable slot still unknown and not asked too often, or null when there is none. */
export function nextSlot(input: Pick<PolicyInput, "card" | "view" | "memory">, skip?: Slot): Slot | null {
  const { card, view, memory } = input;
  const candidates = rankSlots(card).filter(
    (slot) => !isSlotKnown(slot, view) && (memory.asked[slot] ?? 0) < card.dialogue.maxAsksPerSlot,
  );
  // A slot just dodged goes to the back of the queue rather than being asked again at once.
  const preferred = candidates.filter((slot) => slot !== skip);
  return preferred[0] ?? candidates[0] ?? null;
}

function lastAskedSlot(memory: DialogueMemory): Slot | undefined {
  const last = memory.lastMove;
  if (!last) return undefined;
  if (last.kind === "ask" || last.kind === "explain_why") return last.slot;
  if (last.kind === "answer_price") return last.slot;
  return undefined;
}

/** Decide the bot's next move. Pure: same inputs, same move. */
export function decideMove(input: PolicyInput): Move {
  const { view, score, intents, memory, card } = input;
  const has = (intent: Intent) => intents.includes(intent);
  const askEmail = view.contact.email === undefined;

  if (input.humanOwned) return { kind: "silent" };
  const disqualifier = view.disqualifiers[0];
  if (disqualifier) return { kind: "close_disqualified", reason: disqualifier };
  if (input.handoff === "approved") return { kind: "handed_off" };
  if (input.handoff === "pending" || input.handoff === "reassigned")
    return { kind: "awaiting_handoff", askEmail };
  if (has("wants_human")) return { kind: "human_requested", askEmail };
  if (input.handoff === "rejected") return { kind: "wrap_up" };
  if (score.qualified) {
    const missing = score.missingForHandoff.includes("contact.email") ? false : askEmail;
    return { kind: "offer_handoff", askEmail: missing };
  }

  const previous = lastAskedSlot(memory);
  if (has("asks_why") && previous && !isSlotKnown(previous, view))
    return { kind: "explain_why", slot: previous };
  if (has("goodbye") && !has("asks_question") && !has("asks_price")) return { kind: "goodbye" };

  const declined = has("declines") ? previous : undefined;
  const slot = memory.questions >= card.dialogue.maxQuestions ? null : nextSlot(input, declined);
  if (has("asks_price")) return slot ? { kind: "answer_price", slot } : { kind: "answer_price" };
  if (!slot) return { kind: "wrap_up" };
  return {
    kind: "ask",
    slot,
    greet: memory.lastMove === undefined,
    deferQuestion: has("asks_question"),
    afterDecline: declined !== undefined,
  };
}

/**
 * The view as if the prospect had answered `slot` with its weakest value: known, but adding no
 * points and never qualifying. Lets the engine plan the reply for "they answered" in advance.
 */
export function assumeAnswered(view: QualificationView, slot: Slot): QualificationView {
  switch (slot) {
    case "need":
      return view.need.status === "unknown" ? { ...view, need: { status: "none" } } : view;
    case "authority":
      return view.authority.status === "unknown" ? { ...view, authority: { status: "user" } } : view;
    case "timeline":
      return view.timeline.status === "unknown" ? { ...view, timeline: { status: "none" } } : view;
    case "budget":
      return view.budget.status === "unknown" ? { ...view, budget: { status: "none" } } : view;
    case "company":
      return isSlotKnown("company", view)
        ? view
        : { ...view, company: { ...view.company, name: "(answered)" } };
    case "email":
      return view.contact.email ? view : { ...view, contact: { ...view.contact, email: "answered@invalid" } };
  }
}

/**
 * Whether a reply written for `drafted` serves `final`: the same move, where the courtesy flags
 * of an ask (acknowledging a decline or a question) do not change what is asked.
 */
export function sameMove(drafted: Move, final: Move): boolean {
  if (drafted.kind === "ask" && final.kind === "ask")
    return drafted.slot === final.slot && drafted.greet === final.greet;
  return JSON.stringify(drafted) === JSON.stringify(final);
}

/** The slot a move asks for, if any (what counts as a question asked). */
export function askedSlot(move: Move): Slot | undefined {
  if (move.kind === "ask" || move.kind === "explain_why") return move.slot;
  if (move.kind === "answer_price") return move.slot;
  if (
    (move.kind === "offer_handoff" || move.kind === "human_requested" || move.kind === "awaiting_handoff") &&
    move.askEmail
  )
    return "email";
  return undefined;
}

/** Memory after the bot made `move`. */
export function rememberMove(memory: DialogueMemory, move: Move): DialogueMemory {
  const slot = askedSlot(move);
  // Re-explaining a question is not a new question.
  const counts = slot !== undefined && move.kind !== "explain_why";
  return {
    asked: counts ? { ...memory.asked, [slot]: (memory.asked[slot] ?? 0) + 1 } : memory.asked,
    questions: memory.questions + (counts ? 1 : 0),
    lastMove: move,
    closed:
      memory.closed ||
      move.kind === "close_disqualified" ||
      move.kind === "wrap_up" ||
      move.kind === "goodbye",
  };
}

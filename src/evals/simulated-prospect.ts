import { askedSlot, type Move } from "../core/policy.js";
import type { Slot } from "../core/scorecard.js";
import type { Persona } from "./persona.js";

export const DECLINE_TEXT = "I'd rather not say.";

/** Moves after which the prospect has nothing more to do in the conversation. */
const endingMoves = new Set<Move["kind"]>([
  "close_disqualified",
  "wrap_up",
  "goodbye",
  "handed_off",
  "silent",
]);

export interface ProspectAnswer {
  /** null: the prospect leaves (conversation over). */
  text: string | null;
  /** The slot the bot asked for, read from its move. */
  asked?: Slot;
  /** The slot whose hidden fact this answer reveals. */
  revealed?: Slot;
}

/** A line of the simulated conversation so far, as the prospect saw it. */
export interface TranscriptEntry {
  role: "prospect" | "bot";
  text: string;
  move?: Move;
}

/**
 * The other side of a simulated conversation. The rule-based prospect answers at once; an
 * LLM-played one (`createLlmProspects`) words its answers with a model call.
 */
export interface Prospect {
  /** Slots whose fact the prospect has been asked for and given. */
  told(): Slot[];
  /** The answer to the bot's last turn; `transcript` ends with that turn. */
  answer(
    move: Move,
    context: { transcript: readonly TranscriptEntry[] },
  ): ProspectAnswer | Promise<ProspectAnswer>;
}

export type ProspectFactory = (persona: Persona) => Prospect;

/**
 * Rule-based prospect: answers exactly the slot the bot's move asks for with its hidden fact,
 * declines slots it has no fact for, repeats a fact when asked again, and leaves once the bot
 * closes, wraps up, or offers a handoff and has what it asked for.
 */
export function createSimulatedProspect(persona: Persona): Prospect & { answer(move: Move): ProspectAnswer } {
  const told = new Set<Slot>();
  return {
    told: () => [...told],
    answer(move: Move): ProspectAnswer {
      if (endingMoves.has(move.kind)) return { text: null };
      const asked = askedSlot(move);
      if (asked === undefined) {
        // Handoff offered (or a price answer) with nothing asked: the prospect accepts and is done.
        return { text: null };
      }
      const fact = persona.facts[asked];
      if (fact === undefined) {
        if (
          move.kind === "offer_handoff" ||
          move.kind === "awaiting_handoff" ||
          move.kind === "human_requested"
        )
          return { text: null, asked };
        return { text: DECLINE_TEXT, asked };
      }
      const repeated = told.has(asked);
      told.add(asked);
      return { text: repeated ? `As I said, ${fact}` : fact, asked, revealed: asked };
    },
  };
}

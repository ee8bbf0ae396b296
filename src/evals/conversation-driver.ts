import type { Move } from "../core/policy.js";
import type { QualificationView } from "../core/qualification.js";
import type { ExtractionUsage } from "../extraction/extractor.js";

export interface DriverTurn {
  /** What the bot said (null when it stays silent). */
  reply: string | null;
  /** The move behind the reply: the simulator reads the asked slot from here, never from the text. */
  move: Move;
  /** The lead's qualification after this turn, `qualified` included. */
  view: QualificationView;
  usage?: ExtractionUsage;
}

export interface DriverConversation {
  send(text: string): Promise<DriverTurn>;
}

/**
 * The bot as the simulated prospect sees it. The in-memory driver runs the core policy and an
 * extractor directly; a driver over the real engine (store, channels) can implement the same port.
 */
export interface ConversationDriver {
  start(options: { now: Date }): Promise<DriverConversation>;
}

import type { Intent } from "../core/intent.js";
import type { Move } from "../core/policy.js";
import type { QualificationState, Signal } from "../core/qualification.js";

export { Intent } from "../core/intent.js";

export interface TranscriptLine {
  role: "prospect" | "bot" | "rep";
  text: string;
}

export interface ExtractionInput {
  /** The new prospect message: the only text this call may take evidence from (earlier turns were already analysed). */
  text: string;
  /** Recent turns before `text`, oldest first (bounded window): context only, never evidence. */
  history: TranscriptLine[];
  /** The conversation's "now", for relative dates. */
  now: Date;
  /** The lead's state before this message. */
  state: QualificationState;
  /** What the dialogue policy plans to do if this message adds nothing (lets an LLM draft the reply). */
  plannedMove?: Move;
  /** What it would do instead if this message answers what the planned move asks for. */
  ifAnsweredMove?: Move;
}

export interface ExtractionUsage {
  model: string;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface ExtractionResult {
  signals: Signal[];
  intents: Intent[];
  /** Which extractor produced this ("offline", "llm:gpt-4o-mini", …) — stored as provenance. */
  extractor: string;
  promptId?: string;
  promptHash?: string;
  usage?: ExtractionUsage;
  /** Values the extractor itself discarded (e.g. evidence not found in the text). */
  dropped?: number;
  /** A reply drafted in the same call, valid only if the engine's final move equals `forMove`. */
  draftReply?: { text: string; forMove: Move };
}

/** Offline (rules/NLP) and LLM extractors both implement this. */
export interface Extractor {
  readonly name: string;
  extract(input: ExtractionInput): Promise<ExtractionResult>;
}

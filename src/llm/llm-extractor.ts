import type { Intent } from "../core/intent.js";
import type { ExtractionInput, ExtractionResult, Extractor } from "../extraction/extractor.js";
import type { LlmClient } from "./llm-client.js";
import { costOf, defaultPricing, type PricingTable } from "./pricing.js";
import type { TurnPrompts } from "./prompts.js";
import { checkDraftReply, type ReplyVerdict } from "./reply-guard.js";
import { buildTurnMessages, type ContextLimits, defaultContextLimits } from "./turn-messages.js";
import { TurnOutput, turnSchemaName } from "./turn-schema.js";
import { type DroppedModelSignal, type RuleReader, verifyModelSignals } from "./verify-signals.js";

export interface LlmExtractorOptions {
  client: LlmClient;
  /** Name recorded as provenance (`llm:<model>`); the client's model by default. */
  model?: string;
  prompts: TurnPrompts;
  pricing?: PricingTable;
  /** Reads the message and quotes with rules (the offline extractor) to check normalised values; without it only the evidence check runs. */
  ruleReader?: RuleReader;
  /** Whether a message is addressed to the bot as instructions (nothing in it is evidence then). */
  isInstructionToBot?: (text: string) => boolean;
  limits?: Partial<ContextLimits>;
  /** Told about every value dropped and every draft rejected, for logs and counters. */
  onDiagnostics?: (diagnostics: TurnDiagnostics) => void;
}

export interface TurnDiagnostics {
  dropped: DroppedModelSignal[];
  reply: ReplyVerdict | { ok: false; reason: "no_planned_move" };
}

/**
 * The LLM brain: one model call per prospect turn returns evidence-quoted signals, intents and a
 * reply drafted for the planned move. The model never scores and never decides the move; its
 * values survive only if their quotes are the prospect's words in this message. Failures throw
 * an `LlmError` (wrap with `createFallbackExtractor` so the prospect always gets an answer).
 */
export function createLlmExtractor(options: LlmExtractorOptions): Extractor {
  const { client, prompts } = options;
  const model = options.model ?? client.model;
  const pricing = options.pricing ?? defaultPricing;
  const limits = { ...defaultContextLimits, ...options.limits };
  const name = `llm:${model}`;

  async function extract(input: ExtractionInput): Promise<ExtractionResult> {
    const result = await client.generateObject({
      schema: TurnOutput,
      schemaName: turnSchemaName,
      messages: buildTurnMessages(prompts, input, limits),
      promptId: prompts.id,
    });
    if (!result.ok) throw result.error;

    const output = result.value;
    const { kept, dropped } = await verifyModelSignals(output.signals, {
      text: input.text,
      now: input.now,
      history: input.history,
      plannedMove: input.plannedMove,
      ruleReader: options.ruleReader,
      isInstructionToBot: options.isInstructionToBot,
    });
    // The model says which goal its reply serves; the engine still sends it only if that is the final move.
    const planned =
      output.reply_for === "reply_goal_if_answered" && input.ifAnsweredMove
        ? input.ifAnsweredMove
        : input.plannedMove;
    const reply: TurnDiagnostics["reply"] =
      planned && planned.kind !== "silent"
        ? checkDraftReply(output.reply)
        : { ok: false, reason: "no_planned_move" };
    options.onDiagnostics?.({ dropped, reply });

    const usage = result.usage;
    return {
      signals: kept,
      intents: [...new Set<Intent>(output.intents)],
      extractor: name,
      promptId: prompts.id,
      promptHash: prompts.hash,
      usage: {
        model: usage.model,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        costUsd: costOf(pricing, usage),
      },
      dropped: dropped.length,
      // The very object the engine planned with: it compares moves by their JSON.
      ...(reply.ok && planned ? { draftReply: { text: reply.text, forMove: planned } } : {}),
    };
  }

  return { name, extract };
}

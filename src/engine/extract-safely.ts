import type { Move } from "../core/policy.js";
import type { ExtractionResult, Extractor } from "../extraction/extractor.js";
import type { ExtractionRunRecord, Logger, TurnContext } from "./ports.js";

export type ExtractionRun = Omit<ExtractionRunRecord, "droppedValues">;

/**
 * Runs the extractor for one turn and records how it went. A failing extractor never fails the
 * turn: the prospect still gets an answer (no signals this turn, so the policy asks again).
 */
export async function extractSafely(
  deps: { extractor: Extractor; logger: Logger },
  context: TurnContext,
  now: Date,
  moves: { planned: Move; ifAnswered: Move | undefined },
): Promise<{ result: ExtractionResult; run: ExtractionRun }> {
  const started = performance.now();
  try {
    const result = await deps.extractor.extract({
      text: context.message.text,
      history: context.history,
      now,
      state: context.lead.state,
      plannedMove: moves.planned,
      ifAnsweredMove: moves.ifAnswered,
    });
    const fellBack = result.extractor !== deps.extractor.name && deps.extractor.name !== "offline";
    return {
      result,
      run: {
        extractor: result.extractor,
        model: result.usage?.model,
        promptId: result.promptId,
        promptHash: result.promptHash,
        promptTokens: result.usage?.promptTokens ?? 0,
        completionTokens: result.usage?.completionTokens ?? 0,
        costUsd: result.usage?.costUsd ?? 0,
        latencyMs: Math.round(performance.now() - started),
        outcome: fellBack ? "fallback" : "ok",
      },
    };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "EXTRACTION_FAILED";
    deps.logger.error({ code, messageId: context.message.id }, "extraction failed");
    return {
      result: { signals: [], intents: [], extractor: deps.extractor.name },
      run: {
        extractor: deps.extractor.name,
        promptTokens: 0,
        completionTokens: 0,
        costUsd: 0,
        latencyMs: Math.round(performance.now() - started),
        outcome: "error",
        error: code,
      },
    };
  }
}

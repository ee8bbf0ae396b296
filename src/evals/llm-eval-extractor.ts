import { AsyncLocalStorage } from "node:async_hooks";
import type { Config } from "../config/env.js";
import type { Logger } from "../engine/ports.js";
import type { ExtractionInput, ExtractionResult, Extractor } from "../extraction/extractor.js";

/** An LLM turn that failed after retries; the report shows its code instead of an offline answer. */
export class LlmEvalFault extends Error {
  readonly code: string;
  constructor(code: string) {
    super(`LLM extraction failed (${code})`);
    this.name = "LlmEvalFault";
    this.code = code;
  }
}

interface TurnLog {
  codes: string[];
}

/**
 * The production LLM brain (`createLlmBrainFromConfig`: adapter, retries, circuit breaker,
 * quote checks) with one change for evals: instead of answering offline when the model fails,
 * the turn fails with the fault's code. An eval must measure the model, and a fallback would
 * quietly mix offline answers into its numbers. The brain reports faults through its logger; a
 * per-call async context ties each logged code to the call it belongs to under concurrency.
 */
export async function createLlmEvalExtractor(
  openai: NonNullable<Config["openai"]>,
  options: { promptsDirectory?: string } = {},
): Promise<Extractor & { promptHash: string; promptId: string }> {
  const { createLlmBrainFromConfig, loadTurnPrompts } = await import("../llm/index.js");
  // Read first, so a bad prompt directory is reported before any model call.
  const prompts = loadTurnPrompts(options.promptsDirectory);
  const turns = new AsyncLocalStorage<TurnLog>();
  const remember = (data: object) => {
    const code = (data as { code?: unknown }).code;
    if (typeof code === "string") turns.getStore()?.codes.push(code);
  };
  const logger: Logger = { info() {}, debug() {}, warn: remember, error: remember };
  const failing: Extractor = {
    name: "no-fallback",
    async extract(): Promise<ExtractionResult> {
      throw new LlmEvalFault(turns.getStore()?.codes.at(-1) ?? "EXTRACTION_FAILED");
    },
  };
  const brain = createLlmBrainFromConfig(openai, {
    fallback: failing,
    logger,
    promptsDirectory: options.promptsDirectory,
  });
  return {
    name: brain.name,
    promptHash: prompts.hash,
    promptId: prompts.id,
    extract: (input: ExtractionInput) => turns.run({ codes: [] }, () => brain.extract(input)),
  };
}

import type { Config } from "../config/env.js";
import type { Logger } from "../engine/ports.js";
import type { Extractor } from "../extraction/extractor.js";
import { analyse } from "../extraction/offline/analysis.js";
import { createOfflineExtractor } from "../extraction/offline/index.js";
import { looksLikeInstructionsToTheBot } from "../extraction/offline/injection.js";
import { type CircuitBreakerOptions, withCircuitBreaker } from "./circuit-breaker.js";
import { createFallbackExtractor, type ExtractionFault } from "./fallback-extractor.js";
import { createChatOpenAiModel, createLangChainClient } from "./langchain-client.js";
import type { LlmClient } from "./llm-client.js";
import { createLlmExtractor } from "./llm-extractor.js";
import { createOpenAiClient } from "./openai-client.js";
import { defaultPricing, type PricingTable } from "./pricing.js";
import { defaultPromptsDirectory, loadTurnPrompts } from "./prompts.js";
import { type RetryOptions, withRetries } from "./retrying-client.js";
import type { Timing } from "./timing.js";
import { type RuleReader, ruleReaderFrom } from "./verify-signals.js";

export { type CircuitBreakerClient, type CircuitState, withCircuitBreaker } from "./circuit-breaker.js";
export { createFallbackExtractor, type ExtractionFault } from "./fallback-extractor.js";
export { createChatOpenAiModel, createLangChainClient } from "./langchain-client.js";
export type {
  ChatMessage,
  GenerateObjectRequest,
  GenerateObjectResult,
  LlmClient,
  LlmUsage,
} from "./llm-client.js";
export { isLlmError, LlmError, type LlmErrorCode, LlmOutputError, LlmRequestError } from "./llm-errors.js";
export { createLlmExtractor, type LlmExtractorOptions } from "./llm-extractor.js";
export { createOpenAiClient } from "./openai-client.js";
export { costOf, defaultPricing, type PricingTable, priceFor } from "./pricing.js";
export { loadTurnPrompts, type TurnPrompts } from "./prompts.js";
export { withRetries } from "./retrying-client.js";
export { systemTiming, type Timing } from "./timing.js";

export interface LlmBrainDeps {
  /** Answers when the model cannot (the offline extractor). */
  fallback: Extractor;
  logger: Logger;
  /** "openai" (the SDK, default) or "langchain" (ChatOpenAI through withStructuredOutput). */
  adapter?: "openai" | "langchain";
  /** Reads messages and quotes with rules to check the model's normalised values; the offline extractor by default. */
  ruleReader?: RuleReader;
  /** Whether a message instructs the bot (then nothing in it is evidence); the offline detector by default. */
  isInstructionToBot?: (text: string) => boolean;
  promptsDirectory?: string;
  pricing?: PricingTable;
  retry?: Partial<RetryOptions>;
  circuitBreaker?: Partial<CircuitBreakerOptions>;
  timing?: Timing;
  /** Told about each fault (after it is logged), e.g. for counters or evals that must not fall back silently. */
  onFault?: (fault: ExtractionFault) => void;
}

/**
 * What main.ts calls when OPENAI_API_KEY is set: adapter → retries → circuit breaker → LLM
 * extractor → fallback to offline. Faults, retries and circuit changes are logged by code only;
 * prospect text never reaches the logs.
 */
export function createLlmBrainFromConfig(
  openai: NonNullable<Config["openai"]>,
  deps: LlmBrainDeps,
): Extractor {
  const { logger } = deps;
  const connection = { apiKey: openai.apiKey, baseURL: openai.baseUrl, model: openai.model };
  const adapter: LlmClient =
    deps.adapter === "langchain"
      ? createLangChainClient({ chatModel: createChatOpenAiModel(connection), model: openai.model })
      : createOpenAiClient(connection);
  const retrying = withRetries(adapter, deps.retry, {
    timing: deps.timing,
    onRetry: ({ attempt, error, delayMs }) =>
      logger.warn({ code: error.code, attempt, delayMs }, "LLM call failed; retrying"),
  });
  const client = withCircuitBreaker(retrying, deps.circuitBreaker, {
    timing: deps.timing,
    onStateChange: (state) =>
      logger.warn({ code: "LLM_CIRCUIT_STATE", state }, `LLM circuit breaker ${state}`),
  });
  const pricing = deps.pricing ?? defaultPricing;
  const primary = createLlmExtractor({
    client,
    prompts: loadTurnPrompts(deps.promptsDirectory ?? defaultPromptsDirectory),
    pricing,
    ruleReader: deps.ruleReader ?? ruleReaderFrom(createOfflineExtractor()),
    // One rule for both extractors: text that tells the bot what to record is not evidence.
    isInstructionToBot: deps.isInstructionToBot ?? ((text) => looksLikeInstructionsToTheBot(analyse(text))),
    onDiagnostics: ({ dropped, reply }) => {
      if (dropped.length > 0)
        logger.info(
          {
            code: "LLM_VALUES_DROPPED",
            dropped: dropped.map(({ signal, reason }) => ({ field: signal.field, reason })),
          },
          "model values dropped",
        );
      if (!reply.ok && reply.reason !== "no_planned_move")
        logger.info(
          { code: "LLM_DRAFT_REJECTED", reason: reply.reason },
          "drafted reply rejected; using templates",
        );
    },
  });
  return createFallbackExtractor(primary, deps.fallback, {
    pricing,
    onFault: (fault) => {
      logger.warn(
        { code: fault.code, extractor: fault.extractor },
        "LLM extraction failed; answered offline",
      );
      deps.onFault?.(fault);
    },
  });
}

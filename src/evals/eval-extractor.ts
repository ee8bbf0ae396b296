import { resolve } from "node:path";
import { ConfigError, loadConfig } from "../config/env.js";
import type { Extractor } from "../extraction/extractor.js";
import { defaultPromptsDirectory, PromptFileError } from "../llm/prompts.js";
import { createLlmEvalExtractor } from "./llm-eval-extractor.js";

export type ExtractorKind = "offline" | "llm";

/** What one LLM run is made of besides the environment: a matrix cell's model and prompt set. */
export interface LlmVariant {
  /** Overrides QUALBOT_MODEL. */
  model?: string;
  /** A directory with system.md, extraction.md and reply.md; the repository's prompts/ by default. */
  promptsDirectory?: string;
}

export interface EvalExtractor {
  extractor: Extractor;
  /** What, besides the input, decides the answers (keys the response cache). */
  identity: Record<string, unknown>;
  /** LLM runs are cached by default; offline runs are cheaper than a cache lookup. */
  cacheByDefault: boolean;
  /** LLM runs: the model asked for. */
  model?: string;
  /** LLM runs: the prompt set used, known before any call (names matrix columns). */
  prompts?: { directory: string; id: string; hash: string };
}

export type EvalExtractorResult = { ok: true; value: EvalExtractor } | { ok: false; error: string };

/**
 * The extractor under evaluation: the offline extractor, or the LLM brain from the environment's
 * configuration (DESIGN §4) without its offline fallback, optionally with another model or
 * prompt directory.
 */
export async function createEvalExtractor(
  kind: ExtractorKind,
  env: Record<string, string | undefined>,
  variant: LlmVariant = {},
): Promise<EvalExtractorResult> {
  if (kind === "offline") {
    // Loaded on demand: the offline NLP models are only read when the offline extractor is used.
    const { createOfflineExtractor, warmUpLanguageModels } = await import("../extraction/offline/index.js");
    // Load the NLP models now, so the first case's latency measures extraction, not loading.
    warmUpLanguageModels();
    const extractor = createOfflineExtractor();
    return { ok: true, value: { extractor, identity: { extractor: extractor.name }, cacheByDefault: false } };
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, error: error.message };
    throw error;
  }
  if (!config.openai)
    return {
      ok: false,
      error:
        "--extractor llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for a local OpenAI-compatible server)",
    };
  const openai = { ...config.openai, model: variant.model ?? config.openai.model };
  const directory = resolve(variant.promptsDirectory ?? defaultPromptsDirectory);
  let extractor: Awaited<ReturnType<typeof createLlmEvalExtractor>>;
  try {
    extractor = await createLlmEvalExtractor(openai, { promptsDirectory: directory });
  } catch (error) {
    if (error instanceof PromptFileError) return { ok: false, error: error.message };
    throw error;
  }
  return {
    ok: true,
    value: {
      extractor,
      identity: {
        extractor: extractor.name,
        model: openai.model,
        baseUrl: openai.baseUrl ?? null,
        promptHash: extractor.promptHash,
      },
      cacheByDefault: true,
      model: openai.model,
      prompts: { directory, id: extractor.promptId, hash: extractor.promptHash },
    },
  };
}

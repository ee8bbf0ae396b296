import { ConfigError, loadConfig } from "../config/env.js";
import type { Extractor } from "../extraction/extractor.js";
import { createLlmEvalExtractor } from "./llm-eval-extractor.js";

export type ExtractorKind = "offline" | "llm";

export interface EvalExtractor {
  extractor: Extractor;
  /** What, besides the input, decides the answers (keys the response cache). */
  identity: Record<string, unknown>;
  /** LLM runs are cached by default; offline runs are cheaper than a cache lookup. */
  cacheByDefault: boolean;
}

export type EvalExtractorResult = { ok: true; value: EvalExtractor } | { ok: false; error: string };

/**
 * The extractor under evaluation: the offline extractor, or the LLM brain from the environment's
 * configuration (DESIGN §4) without its offline fallback.
 */
export async function createEvalExtractor(
  kind: ExtractorKind,
  env: Record<string, string | undefined>,
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
  const extractor = await createLlmEvalExtractor(config.openai);
  return {
    ok: true,
    value: {
      extractor,
      identity: {
        extractor: extractor.name,
        model: config.openai.model,
        baseUrl: config.openai.baseUrl ?? null,
        promptHash: extractor.promptHash,
      },
      cacheByDefault: true,
    },
  };
}

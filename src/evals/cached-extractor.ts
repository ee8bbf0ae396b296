import type { ExtractionInput, ExtractionResult, Extractor } from "../extraction/extractor.js";
import { cacheKey, type ResponseCache } from "./response-cache.js";

export interface CachedExtractor extends Extractor {
  /** True when this result came from the cache (it cost nothing this run). */
  servedFromCache(result: ExtractionResult): boolean;
  /** For a cached result, how long the original call took (so a re-run reports comparable latency). */
  recordedLatencyMs(result: ExtractionResult): number | undefined;
  readonly stats: { hits: number; misses: number };
}

export interface CacheOptions {
  cache: ResponseCache;
  /**
   * What makes the inner extractor's answers differ besides its input: model and prompt hash.
   * Defaults to the extractor's `name` plus a `promptHash`/`model` it exposes, if any.
   */
  identity?: Record<string, unknown>;
  /** Trial number under `--repeat`: each trial is its own sample, cached separately. */
  trial?: number;
  /**
   * The run's default "now", given to cases that do not fix their own. Such cases must not depend
   * on the date (a dataset rule: relative dates need a fixed `now`), so their key leaves the date
   * out and a re-run on another day still hits the cache.
   */
  floatingNow?: Date;
}

/** Provenance timestamps carry "now" too: leave them out with it. */
function keyedState(state: ExtractionInput["state"], floating: boolean): unknown {
  if (!floating) return state;
  return JSON.parse(JSON.stringify(state, (key, value) => (key === "at" ? "run" : value)));
}

function defaultIdentity(inner: Extractor): Record<string, unknown> {
  const exposed = inner as Extractor & { model?: unknown; promptHash?: unknown };
  return { extractor: inner.name, model: exposed.model, promptHash: exposed.promptHash };
}

/**
 * Extractor decorator: answers an input seen before (same identity, same input JSON) from the
 * cache, so an unchanged eval re-run makes no LLM calls. Only the inner extractor's own successful
 * results are stored (not errors, not fallbacks).
 */
export function withResponseCache(inner: Extractor, options: CacheOptions): CachedExtractor {
  const fromCache = new WeakMap<ExtractionResult, number | undefined>();
  const identity = options.identity ?? defaultIdentity(inner);
  const stats = { hits: 0, misses: 0 };
  return {
    name: inner.name,
    stats,
    servedFromCache: (result) => fromCache.has(result),
    recordedLatencyMs: (result) => fromCache.get(result),
    async extract(input: ExtractionInput): Promise<ExtractionResult> {
      const floating =
        options.floatingNow !== undefined && input.now.getTime() === options.floatingNow.getTime();
      const key = cacheKey({
        identity,
        trial: options.trial ?? 1,
        input: {
          ...input,
          now: floating ? "run" : input.now.toISOString(),
          state: keyedState(input.state, floating),
        },
      });
      const hit = options.cache.get(key);
      if (hit) {
        stats.hits++;
        const copy = structuredClone(hit);
        fromCache.set(copy, options.cache.details?.(key)?.latencyMs);
        return copy;
      }
      stats.misses++;
      const started = performance.now();
      const result = await inner.extract(input);
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      // A result from a fallback (the engine's rule: another extractor's name) is not the model's answer.
      if (result.extractor === inner.name) await options.cache.set(key, result, { latencyMs });
      return result;
    },
  };
}

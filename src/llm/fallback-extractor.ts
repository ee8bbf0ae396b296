import { z } from "zod";
import { Intent } from "../core/intent.js";
import { Signal } from "../core/qualification.js";
import type {
  ExtractionInput,
  ExtractionResult,
  ExtractionUsage,
  Extractor,
} from "../extraction/extractor.js";
import { LlmOutputError } from "./llm-errors.js";
import { costOf, defaultPricing, type PricingTable } from "./pricing.js";

export interface ExtractionFault {
  /** `LLM_TIMEOUT`, `LLM_MALFORMED_OUTPUT`, `LLM_CIRCUIT_OPEN`, … or `EXTRACTION_INVALID_RESULT`. */
  code: string;
  /** The primary extractor that failed. */
  extractor: string;
  error: unknown;
}

export interface FallbackOptions {
  /** Called once per fault, before the fallback runs; for logs and counters. Must not throw (it is guarded). */
  onFault?: (fault: ExtractionFault) => void;
  /** Prices the tokens a failed answer still cost. */
  pricing?: PricingTable;
}

const ResultShape = z.object({
  signals: z.array(Signal),
  intents: z.array(Intent),
  extractor: z.string().min(1),
});

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "EXTRACTION_FAILED";
}

/** Tokens spent on an answer we could not use still count towards the turn's cost. */
function spentOn(error: unknown, pricing: PricingTable): ExtractionUsage | undefined {
  if (!(error instanceof LlmOutputError) || !error.usage) return undefined;
  return { ...error.usage, costUsd: costOf(pricing, error.usage) };
}

/**
 * The prospect always gets an answer: any failure or malformed result of `primary` is reported
 * to `onFault` and answered by `fallback` (the offline extractor). The result names the fallback
 * as its extractor, so the engine records the turn as a fallback.
 */
export function createFallbackExtractor(
  primary: Extractor,
  fallback: Extractor,
  options: FallbackOptions = {},
): Extractor {
  const pricing = options.pricing ?? defaultPricing;
  const report = (fault: ExtractionFault) => {
    try {
      options.onFault?.(fault);
    } catch {
      // Reporting must never cost the prospect their answer.
    }
  };

  async function extract(input: ExtractionInput): Promise<ExtractionResult> {
    let failure: { code: string; error: unknown };
    try {
      const result = await primary.extract(input);
      const checked = ResultShape.safeParse(result);
      if (checked.success) return result;
      failure = { code: "EXTRACTION_INVALID_RESULT", error: checked.error };
    } catch (error) {
      failure = { code: codeOf(error), error };
    }
    report({ ...failure, extractor: primary.name });
    const answer = await fallback.extract(input);
    const usage = answer.usage ?? spentOn(failure.error, pricing);
    return usage ? { ...answer, usage } : answer;
  }

  return { name: primary.name, extract };
}

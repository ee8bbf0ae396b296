import type { Signal } from "../../src/core/qualification.js";
import type {
  ExtractionInput,
  ExtractionResult,
  ExtractionUsage,
  Extractor,
} from "../../src/extraction/extractor.js";

type SignalWithoutEvidence = Signal extends infer S
  ? S extends Signal
    ? Omit<S, "evidence" | "confidence">
    : never
  : never;

export interface KeywordRule {
  /** Case-sensitive substring of the prospect message that triggers the rule (and is its evidence). */
  when: string;
  emit: SignalWithoutEvidence;
  /** Quote to claim instead of `when`: a quote absent from the text tests the evidence check. */
  evidence?: string;
}

export interface KeywordExtractor extends Extractor {
  calls: ExtractionInput[];
}

/**
 * A scripted stand-in for a real extractor: fixed substring rules, every call recorded, optional
 * usage per call, and a text that makes it throw (to test error handling).
 */
export function createKeywordExtractor(
  rules: KeywordRule[],
  options: { name?: string; usage?: ExtractionUsage; failWhen?: string; promptHash?: string } = {},
): KeywordExtractor {
  const calls: ExtractionInput[] = [];
  const name = options.name ?? "keywords";
  return {
    name,
    calls,
    async extract(input) {
      calls.push(input);
      if (options.failWhen && input.text.includes(options.failWhen))
        throw Object.assign(new Error("scripted failure"), { code: "SCRIPTED" });
      const signals = rules
        .filter((rule) => input.text.includes(rule.when))
        .map((rule) => ({ ...rule.emit, evidence: [rule.evidence ?? rule.when], confidence: 0.9 }) as Signal);
      const result: ExtractionResult = { signals, intents: [], extractor: name };
      if (options.usage) result.usage = { ...options.usage };
      if (options.promptHash) {
        result.promptHash = options.promptHash;
        result.promptId = "keywords.v1";
      }
      return result;
    },
  };
}

/** Rules the fixture dataset test/fixtures/evals/small.jsonl is written against. */
export const fixtureRules: KeywordRule[] = [
  { when: "VP of Sales", emit: { field: "seniority", value: "vp" } },
  { when: "VP of Sales", emit: { field: "authority", value: { status: "decision_maker" } } },
  { when: "need a better way", emit: { field: "need", value: { status: "explicit" } } },
  {
    when: "$50,000 a year",
    emit: {
      field: "budget",
      value: { status: "allocated", amount: 50_000, currency: "USD", period: "year" },
    },
  },
  { when: "within 3 months", emit: { field: "timeline", value: { status: "within_3_months" } } },
  { when: "I'm a student", emit: { field: "disqualifier", value: "student" } },
  { when: "ann@acme.example", emit: { field: "contact.email", value: "ann@acme.example" } },
  { when: "my boss", emit: { field: "authority", value: { status: "influencer" } } },
  // Claims a quote the prospect never wrote: the evidence check must drop it.
  {
    when: "maybe next year",
    emit: { field: "budget", value: { status: "allocated" } },
    evidence: "budget is approved",
  },
];

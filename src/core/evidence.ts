import type { Signal } from "./qualification.js";

/** Case, whitespace, typographic quotes and dashes do not make a quote different. */
export function normaliseForMatch(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

export function quoteOccursIn(quote: string, texts: readonly string[]): boolean {
  const needle = normaliseForMatch(quote);
  if (needle.length === 0) return false;
  return texts.some((text) => normaliseForMatch(text).includes(needle));
}

export interface DroppedSignal {
  signal: Signal;
  reason: "evidence_not_found";
}

/**
 * Keep only signals whose every quote occurs in the prospect's own text. Bot messages and
 * anything else are never evidence, so a value the prospect did not state cannot survive.
 */
export function checkEvidence(
  signals: readonly Signal[],
  prospectTexts: readonly string[],
): { kept: Signal[]; dropped: DroppedSignal[] } {
  const kept: Signal[] = [];
  const dropped: DroppedSignal[] = [];
  for (const signal of signals) {
    if (signal.evidence.length > 0 && signal.evidence.every((quote) => quoteOccursIn(quote, prospectTexts)))
      kept.push(signal);
    else dropped.push({ signal, reason: "evidence_not_found" });
  }
  return { kept, dropped };
}

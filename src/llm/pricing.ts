import type { LlmUsage } from "./llm-client.js";

/** USD per one million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

export type PricingTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices of OpenAI's standard tier (USD per 1M tokens, uncached input), checked at the
 * time of writing. Cached-input discounts are not applied, so costs are an upper bound.
 * Pass your own table for other providers or negotiated prices.
 */
export const defaultPricing: PricingTable = {
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-5": { input: 1.25, output: 10 },
  "gpt-5-mini": { input: 0.25, output: 2 },
  "gpt-5-nano": { input: 0.05, output: 0.4 },
  "o4-mini": { input: 1.1, output: 4.4 },
};

/** Exact name first, then without a dated snapshot suffix ("gpt-4o-mini-2024-07-18" → "gpt-4o-mini"). */
export function priceFor(table: PricingTable, model: string): ModelPrice | undefined {
  const name = model.trim().toLowerCase();
  return table[name] ?? table[name.replace(/-\d{4}-\d{2}-\d{2}$/, "")];
}

/** Unknown models cost 0 (tokens are still counted by the caller). */
export function costOf(table: PricingTable, usage: LlmUsage): number {
  const price = priceFor(table, usage.model);
  if (!price) return 0;
  const dollars = (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
  // Float noise would otherwise show up in sums and reports.
  return Math.round(dollars * 1e9) / 1e9;
}

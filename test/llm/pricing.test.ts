import { describe, expect, it } from "vitest";
import { costOf, defaultPricing, priceFor } from "../../src/llm/pricing.js";

describe("pricing", () => {
  it.each([
    ["gpt-4o-mini", 1_000_000, 0, 0.15],
    ["gpt-4o-mini", 0, 1_000_000, 0.6],
    ["gpt-4o-mini-2024-07-18", 2_000, 500, (2_000 * 0.15 + 500 * 0.6) / 1_000_000],
    ["gpt-4o", 1_000, 1_000, (1_000 * 2.5 + 1_000 * 10) / 1_000_000],
    ["GPT-4.1-mini", 10_000, 0, 0.004],
    ["llama3.1:8b", 50_000, 5_000, 0],
  ])("%s: %i in, %i out → $%d", (model, promptTokens, completionTokens, expected) => {
    expect(costOf(defaultPricing, { model, promptTokens, completionTokens })).toBeCloseTo(expected, 12);
  });

  it("does not mistake a longer model name for a shorter one", () => {
    expect(priceFor(defaultPricing, "gpt-4o-mini")).not.toEqual(priceFor(defaultPricing, "gpt-4o"));
    expect(priceFor(defaultPricing, "gpt-4o-mini-audio")).toBeUndefined();
  });

  it("uses a custom table", () => {
    expect(
      costOf(
        { "my-model": { input: 1, output: 2 } },
        { model: "my-model", promptTokens: 500_000, completionTokens: 250_000 },
      ),
    ).toBe(1);
  });
});

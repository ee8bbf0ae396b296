import { describe, expect, it } from "vitest";
import { read } from "./read.js";
import { amountPhrasings, lookAlikePositives, silentMessages } from "./silence-batches.js";

// Precision on unseen chatter: the fields the evals score stay unknown. Contact details
// (an email in a signature, a company name) may still be read; they are not purchase facts.
const scoredFields = new Set(["budget", "authority", "seniority", "need", "timeline", "disqualifier"]);

describe("silence on off-topic messages", () => {
  it.each(silentMessages)("batch %i: no scored field for %j", (_batch, text) => {
    const values = read(text)
      .signals.filter((signal) => scoredFields.has(signal.field))
      .map((signal) => `${signal.field}=${JSON.stringify(signal.value)}`);
    expect(values).toEqual([]);
  });
});

describe("look-alike positives next to the silent batches", () => {
  it.each(lookAlikePositives)("batch %i: %j", (_batch, text, expected) => {
    const signals = read(text).signals.filter((signal) => signal.field === expected.field);
    // Objects are matched on the details the row states; seniority and disqualifiers are plain values.
    if (typeof expected.value === "string") expect(signals[0]?.value).toBe(expected.value);
    else expect(signals[0]?.value).toMatchObject(expected.value as object);
  });
});

describe("look-alike positives carry no stray need", () => {
  it("reads no need from whom the research is for", () => {
    const fields = read("I'm researching options for our head of sales").signals.map(
      (signal) => signal.field,
    );
    expect(fields).not.toContain("need");
  });
});

describe("messy amount phrasings", () => {
  const rows = amountPhrasings.map(([text, amount, currency, period]) => ({
    text,
    amount,
    currency,
    period,
  }));
  it.each(rows)("$text", ({ text, amount, currency, period }) => {
    const budget = read(text).signals.find((signal) => signal.field === "budget");
    const value = budget?.value as { amount?: number; currency?: string; period?: string } | undefined;
    expect({ amount: value?.amount, currency: value?.currency, period: value?.period }).toEqual({
      amount,
      currency,
      period,
    });
  });
});

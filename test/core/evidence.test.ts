import { describe, expect, it } from "vitest";
import { checkEvidence, quoteOccursIn } from "../../src/core/evidence.js";
import type { Signal } from "../../src/core/qualification.js";

describe("quoteOccursIn", () => {
  const text = "We’ve got  $50k\napproved — starting in Q2.";
  it.each([
    ["$50k approved", true],
    ["WE'VE GOT $50K", true],
    ["approved - starting", true],
    ["$60k approved", false],
    ["", false],
    ["   ", false],
  ])("%j → %s", (quote, expected) => {
    expect(quoteOccursIn(quote, [text])).toBe(expected);
  });
});

describe("checkEvidence", () => {
  it("keeps signals whose every quote is in the prospect's text and drops the rest", () => {
    const signals: Signal[] = [
      { field: "seniority", value: "vp", evidence: ["VP of Sales"], confidence: 0.9 },
      {
        field: "budget",
        value: { status: "allocated", amount: 1_000_000, currency: "USD" },
        evidence: ["$1M budget"],
        confidence: 0.9,
      },
      {
        field: "need",
        value: { status: "explicit" },
        evidence: ["VP of Sales", "invented quote"],
        confidence: 0.9,
      },
    ];
    const { kept, dropped } = checkEvidence(signals, ["Hi, I'm the VP of Sales at Acme."]);
    expect(kept.map((signal) => signal.field)).toEqual(["seniority"]);
    expect(dropped.map((entry) => entry.signal.field)).toEqual(["budget", "need"]);
  });
});

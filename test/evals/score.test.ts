import { describe, expect, it } from "vitest";
import type { ExpectedState, Prediction } from "../../src/evals/expected.js";
import {
  aggregate,
  amountsMatch,
  casePassed,
  metricsOf,
  passHatK,
  routingConfusion,
  scoreCase,
} from "../../src/evals/score.js";

const unknownPrediction = (): Prediction => ({
  budget: { status: "unknown" },
  authority: { status: "unknown" },
  seniority: "unknown",
  need: { status: "unknown" },
  timeline: { status: "unknown" },
  disqualifiers: [],
  qualified: false,
});

const predict = (patch: Partial<Prediction>): Prediction => ({ ...unknownPrediction(), ...patch });

describe("scoreCase outcome classes", () => {
  it.each([
    ["correct", { need: { status: "explicit" } }, { need: { status: "explicit" } }],
    ["incorrect", { need: { status: "explicit" } }, { need: { status: "latent" } }],
    ["missing", { need: { status: "explicit" } }, { need: { status: "unknown" } }],
    ["spurious", { need: { status: "unknown" } }, { need: { status: "latent" } }],
    ["abstained", { need: { status: "unknown" } }, { need: { status: "unknown" } }],
    ["correct", { need: { status: "none" } }, { need: { status: "none" } }],
  ] as const)("need.status %s", (outcome, expected, predicted) => {
    expect(
      scoreCase(expected as ExpectedState, predict(predicted as Partial<Prediction>))["need.status"],
    ).toBe(outcome);
  });

  it("scores only keys present in expected", () => {
    const slots = scoreCase({ seniority: "vp" }, predict({ seniority: "vp", need: { status: "explicit" } }));
    expect(Object.keys(slots)).toEqual(["seniority"]);
  });

  it("scores qualified as correct or incorrect only", () => {
    expect(scoreCase({ qualified: true }, predict({ qualified: true })).qualified).toBe("correct");
    expect(scoreCase({ qualified: false }, predict({ qualified: true })).qualified).toBe("incorrect");
  });

  it("scores disqualifiers per label as a set", () => {
    const slots = scoreCase(
      { disqualifiers: ["student", "spam"] },
      predict({ disqualifiers: ["spam", "vendor"] }),
    );
    expect(slots["disqualifiers.spam"]).toBe("correct");
    expect(slots["disqualifiers.student"]).toBe("missing");
    expect(slots["disqualifiers.vendor"]).toBe("spurious");
    expect(slots["disqualifiers.competitor"]).toBe("abstained");
    expect(Object.keys(slots).filter((slot) => slot.startsWith("disqualifiers.")).length).toBe(6);
  });

  it("treats an empty gold list as every label unknown", () => {
    const slots = scoreCase({ disqualifiers: [] }, predict({ disqualifiers: ["competitor"] }));
    expect(slots["disqualifiers.competitor"]).toBe("spurious");
    expect(casePassed(slots)).toBe(false);
  });
});

describe("budget amount", () => {
  const gold = { amount: 50_000, currency: "USD", period: "year" as const };
  it.each([
    ["same amount", { amount: 50_000, currency: "USD", period: "year" }, true],
    ["within 1 %", { amount: 50_500, currency: "USD", period: "year" }, true],
    ["exactly 1 % under", { amount: 49_500, currency: "USD", period: "year" }, true],
    ["just over 1 %", { amount: 50_501, currency: "USD", period: "year" }, false],
    ["currency differs", { amount: 50_000, currency: "EUR", period: "year" }, false],
    ["currency missing", { amount: 50_000, period: "year" }, false],
    ["period differs", { amount: 50_000, currency: "USD", period: "month" }, false],
  ] as const)("%s", (_name, predicted, match) => {
    expect(amountsMatch(gold, predicted)).toBe(match);
  });

  it("classifies amount outcomes", () => {
    const expected: ExpectedState = { budget: { status: "allocated", ...gold } };
    const outcome = (budget: Prediction["budget"]) =>
      scoreCase(expected, predict({ budget }))["budget.amount"];
    expect(outcome({ status: "allocated", amount: 50_200, currency: "USD", period: "year" })).toBe("correct");
    expect(outcome({ status: "allocated", amount: 50_000, currency: "GBP", period: "year" })).toBe(
      "incorrect",
    );
    expect(outcome({ status: "allocated" })).toBe("missing");
    const noAmount: ExpectedState = { budget: { status: "exploring" } };
    expect(
      scoreCase(noAmount, predict({ budget: { status: "exploring", amount: 10, currency: "USD" } }))[
        "budget.amount"
      ],
    ).toBe("spurious");
    expect(scoreCase(noAmount, predict({ budget: { status: "exploring" } }))["budget.amount"]).toBe(
      "abstained",
    );
  });
});

describe("metrics", () => {
  it("computes precision, recall, F1, accuracy and hallucination rate from counts", () => {
    // c=6 i=1 m=2 s=1 a=10 → P = 6/8, R = 6/9, F1 = 12/(12+2+2+1) = 12/17
    const metrics = metricsOf({ correct: 6, incorrect: 1, missing: 2, spurious: 1, abstained: 10 });
    expect(metrics.total).toBe(20);
    expect(metrics.precision).toBeCloseTo(0.75);
    expect(metrics.recall).toBeCloseTo(6 / 9);
    expect(metrics.f1).toBeCloseTo(12 / 17);
    const harmonic = (2 * metrics.precision! * metrics.recall!) / (metrics.precision! + metrics.recall!);
    expect(metrics.f1).toBeCloseTo(harmonic);
    expect(metrics.accuracy).toBeCloseTo(16 / 20);
    expect(metrics.hallucinationRate).toBeCloseTo(1 / 11);
  });

  it("returns null instead of dividing by zero", () => {
    const onlyAbstained = metricsOf({ correct: 0, incorrect: 0, missing: 0, spurious: 0, abstained: 3 });
    expect(onlyAbstained).toMatchObject({
      precision: null,
      recall: null,
      f1: null,
      accuracy: 1,
      hallucinationRate: 0,
    });
    const onlyMissing = metricsOf({ correct: 0, incorrect: 0, missing: 2, spurious: 0, abstained: 0 });
    expect(onlyMissing).toMatchObject({ precision: null, recall: 0, f1: 0, hallucinationRate: null });
  });

  it("aggregates micro over extraction fields and macro as the mean of field metrics", () => {
    const cases = [
      scoreCase(
        { seniority: "vp", need: { status: "explicit" }, qualified: true },
        predict({ seniority: "vp", qualified: false }),
      ),
      scoreCase(
        { seniority: "director", need: { status: "unknown" } },
        predict({ seniority: "vp", need: { status: "latent" } }),
      ),
    ];
    const totals = aggregate(cases);
    expect(totals.fields.seniority).toMatchObject({ correct: 1, incorrect: 1 });
    expect(totals.fields["need.status"]).toMatchObject({ missing: 1, spurious: 1 });
    expect(totals.fields.qualified).toMatchObject({ incorrect: 1 });
    // micro excludes `qualified`: c=1 i=1 m=1 s=1 → F1 = 2/(2+2+1+1)
    expect(totals.micro).toMatchObject({ correct: 1, incorrect: 1, missing: 1, spurious: 1, total: 4 });
    expect(totals.micro.f1).toBeCloseTo(2 / 6);
    // macro: seniority F1 = 2/(2+2) = 0.5, need F1 = 0/(0+0+1+1) = 0 → 0.25
    expect(totals.macro.f1).toBeCloseTo(0.25);
    expect(totals.labels).toEqual({});
  });

  it("handles an empty dataset", () => {
    const totals = aggregate([]);
    expect(totals.fields).toEqual({});
    expect(totals.micro).toMatchObject({ total: 0, precision: null, recall: null, f1: null, accuracy: null });
    expect(totals.macro).toEqual({ precision: null, recall: null, f1: null, accuracy: null });
    expect(routingConfusion([])).toMatchObject({ tp: 0, fp: 0, fn: 0, tn: 0, accuracy: null });
    expect(passHatK([], 1)).toBeNull();
  });
});

describe("routing and pass^k", () => {
  it("builds the confusion matrix", () => {
    const routing = routingConfusion([
      { expected: true, predicted: true },
      { expected: true, predicted: false },
      { expected: false, predicted: true },
      { expected: false, predicted: false },
      { expected: false, predicted: false },
    ]);
    expect(routing).toMatchObject({ tp: 1, fn: 1, fp: 1, tn: 2 });
    expect(routing.accuracy).toBeCloseTo(3 / 5);
    expect(routing.precision).toBeCloseTo(0.5);
    expect(routing.recall).toBeCloseTo(0.5);
  });

  it("estimates pass^k as C(c,k)/C(n,k) averaged over cases", () => {
    expect(
      passHatK(
        [
          [true, true, true],
          [true, false, true],
        ],
        3,
      ),
    ).toBeCloseTo(0.5);
    // n=3, c=2, k=2: C(2,2)/C(3,2) = 1/3; other case all pass = 1 → mean 2/3
    expect(
      passHatK(
        [
          [true, false, true],
          [true, true, true],
        ],
        2,
      ),
    ).toBeCloseTo(2 / 3);
    expect(passHatK([[true, false]], 1)).toBeCloseTo(0.5);
  });
});

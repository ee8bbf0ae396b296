import { describe, expect, it } from "vitest";
import { defaultScorecard } from "../../src/core/default-scorecard.js";
import {
  emptyQualification,
  type QualificationView,
  viewQualification,
} from "../../src/core/qualification.js";
import { matches, parseScorecard, scoreLead } from "../../src/core/scorecard.js";

function view(overrides: Partial<QualificationView>): QualificationView {
  return { ...viewQualification(emptyQualification(), false), ...overrides };
}

const explicitNeed = { need: { status: "explicit" as const } };
const allocated = {
  budget: { status: "allocated" as const, amount: 50000, currency: "USD", period: "year" as const },
};
const exploring = { budget: { status: "exploring" as const } };
const decisionMaker = { authority: { status: "decision_maker" as const } };
const influencer = { authority: { status: "influencer" as const } };
const soon = { timeline: { status: "within_3_months" as const } };
const sixMonths = { timeline: { status: "within_6_months" as const } };
const nextYear = { timeline: { status: "within_12_months" as const } };

describe("default scorecard encodes DESIGN §2's qualification rule", () => {
  const cases: [string, Partial<QualificationView>, boolean][] = [
    ["need + budget + authority", { ...explicitNeed, ...allocated, ...decisionMaker }, true],
    ["need + authority + timeline", { ...explicitNeed, ...influencer, ...soon }, true],
    ["need + exploring budget + 6-month timeline", { ...explicitNeed, ...exploring, ...sixMonths }, true],
    ["all four", { ...explicitNeed, ...allocated, ...decisionMaker, ...soon }, true],
    ["need + one of three", { ...explicitNeed, ...allocated }, false],
    ["need + 12-month timeline + budget", { ...explicitNeed, ...allocated, ...nextYear }, false],
    [
      "latent need with everything else",
      { need: { status: "latent" }, ...allocated, ...decisionMaker, ...soon },
      false,
    ],
    [
      "no budget counts for nothing",
      { ...explicitNeed, budget: { status: "none" }, ...decisionMaker },
      false,
    ],
    ["user authority counts for nothing", { ...explicitNeed, authority: { status: "user" }, ...soon }, false],
    [
      "a disqualifier vetoes",
      { ...explicitNeed, ...allocated, ...decisionMaker, ...soon, disqualifiers: ["competitor"] },
      false,
    ],
    ["nothing known", {}, false],
  ];
  it.each(cases)("%s → qualified %s", (_name, overrides, qualified) => {
    expect(scoreLead(defaultScorecard, view(overrides)).qualified).toBe(qualified);
  });
});

describe("scoreLead explains itself", () => {
  it("lists every fired rule with points and reason, and the total is their clamped sum", () => {
    const score = scoreLead(
      defaultScorecard,
      view({ ...explicitNeed, ...allocated, ...decisionMaker, ...soon, seniority: "vp" }),
    );
    expect(score.reasons.map((reason) => reason.rule)).toEqual([
      "need.explicit",
      "budget.allocated",
      "authority.decision_maker",
      "timeline.within_3_months",
      "icp.senior_buyer",
    ]);
    expect(score.total).toBe(100);
    expect(score.grade).toBe("A");
    for (const reason of score.reasons) expect(reason.why.length).toBeGreaterThan(5);
  });

  it("grades by thresholds and never goes below zero", () => {
    expect(scoreLead(defaultScorecard, view({ ...explicitNeed, ...exploring })).grade).toBe("C");
    const spam = scoreLead(defaultScorecard, view({ disqualifiers: ["spam"] }));
    expect(spam.total).toBe(0);
    expect(spam.grade).toBe("D");
    expect(spam.reasons.map((reason) => reason.rule)).toContain("disqualified");
  });

  it("marks marketing-qualified at the MQL threshold", () => {
    expect(scoreLead(defaultScorecard, view({ ...explicitNeed, ...influencer })).marketingQualified).toBe(
      true,
    );
    expect(scoreLead(defaultScorecard, view({ ...explicitNeed })).marketingQualified).toBe(false);
  });
});

describe("conditions", () => {
  const subject = view({
    ...allocated,
    company: { size: 120, industry: "Logistics" },
    disqualifiers: ["vendor"],
  });
  it.each([
    [{ field: "company.size", gte: 100 }, true],
    [{ field: "company.size", gte: 100, lte: 110 }, false],
    [{ field: "budget.amount", gte: 50000 }, true],
    [{ field: "company.industry", contains: ["logist"] }, true],
    [{ field: "company.region", known: false }, true],
    [{ field: "disqualifiers", in: ["vendor", "spam"] }, true],
    [{ not: { field: "disqualifiers", known: true } }, false],
    [
      {
        any: [
          { field: "seniority", in: ["vp"] },
          { field: "budget.status", in: ["allocated"] },
        ],
      },
      true,
    ],
    [
      {
        atLeast: 2,
        of: [
          { field: "seniority", in: ["vp"] },
          { field: "budget.status", in: ["allocated"] },
        ],
      },
      false,
    ],
  ] as const)("%j → %s", (condition, expected) => {
    expect(matches(condition as never, subject)).toBe(expected);
  });
});

describe("parseScorecard rejects bad cards with a readable reason", () => {
  it.each([
    [{}, "rules"],
    [{ ...defaultScorecard, rules: [] }, "rules"],
    [
      {
        ...defaultScorecard,
        rules: [{ id: "x", points: 500, why: "w", when: { field: "seniority", in: ["vp"] } }],
      },
      "points",
    ],
    [
      { ...defaultScorecard, rules: [{ id: "x", points: 5, why: "w", when: { field: "nope", in: ["vp"] } }] },
      "field",
    ],
    [
      { ...defaultScorecard, rules: [...defaultScorecard.rules, defaultScorecard.rules[0]] },
      "duplicate rule id",
    ],
    [
      {
        ...defaultScorecard,
        grades: [
          { grade: "B", min: 10 },
          { grade: "A", min: 80 },
        ],
      },
      "decreasing",
    ],
  ])("%#", (input, fragment) => {
    const parsed = parseScorecard(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(fragment);
  });

  it("accepts the built-in card", () => {
    expect(parseScorecard(defaultScorecard).ok).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { mergeSignals } from "../../src/core/merge.js";
import { emptyQualification, type QualificationState, type Signal } from "../../src/core/qualification.js";

const source = (messageId: number) => ({ messageId, extractor: "test", at: "2026-11-23T10:00:00.000Z" });
const said = (quote: string, confidence = 0.9) => ({ evidence: [quote], confidence });

function run(...turns: Signal[][]): { state: QualificationState; accepted: boolean[][] } {
  let state = emptyQualification();
  const accepted: boolean[][] = [];
  turns.forEach((signals, index) => {
    const outcome = mergeSignals(state, signals, source(index + 1));
    state = outcome.state;
    accepted.push(outcome.decisions.map((decision) => decision.accepted));
  });
  return { state, accepted };
}

describe("mergeSignals", () => {
  it("takes a first statement with its provenance", () => {
    const { state } = run([
      { field: "authority", value: { status: "influencer" }, ...said("need sign-off from our CFO") },
    ]);
    expect(state.authority?.value.status).toBe("influencer");
    expect(state.authority?.provenance).toMatchObject({
      messageId: 1,
      extractor: "test",
      evidence: ["need sign-off from our CFO"],
    });
  });

  it("lets a later statement of equal confidence win (a correction)", () => {
    const { state } = run(
      [{ field: "timeline", value: { status: "within_3_months" }, ...said("next quarter") }],
      [{ field: "timeline", value: { status: "within_12_months" }, ...said("actually more like next year") }],
    );
    expect(state.timeline?.value.status).toBe("within_12_months");
    expect(state.timeline?.provenance.messageId).toBe(2);
  });

  it("keeps a firm statement when a much less confident inference follows, and reports it", () => {
    const { state, accepted } = run(
      [
        {
          field: "authority",
          value: { status: "decision_maker" },
          ...said("I sign off on tools like this", 0.95),
        },
      ],
      [{ field: "authority", value: { status: "influencer" }, ...said("VP Sales", 0.5) }],
    );
    expect(state.authority?.value.status).toBe("decision_maker");
    expect(accepted[1]).toEqual([false]);
  });

  it("never lets a vaguer budget statement erase a stated amount", () => {
    const { state } = run(
      [
        {
          field: "budget",
          value: { status: "allocated", amount: 50000, currency: "USD", period: "year" },
          ...said("$50k a year approved"),
        },
      ],
      [{ field: "budget", value: { status: "allocated" }, ...said("the budget is approved") }],
    );
    expect(state.budget?.value).toEqual({
      status: "allocated",
      amount: 50000,
      currency: "USD",
      period: "year",
    });
    expect(state.budget?.provenance.evidence).toEqual(["$50k a year approved", "the budget is approved"]);
  });

  it("keeps the amount when the budget status firms up, and adds a period stated later", () => {
    const { state } = run(
      [
        {
          field: "budget",
          value: { status: "exploring", amount: 40000, currency: "EUR" },
          ...said("around 40k euros"),
        },
      ],
      [{ field: "budget", value: { status: "allocated" }, ...said("finance approved it") }],
      [{ field: "budget", value: { status: "allocated", period: "year" }, ...said("per year") }],
    );
    expect(state.budget?.value).toEqual({
      status: "allocated",
      amount: 40000,
      currency: "EUR",
      period: "year",
    });
  });

  it("takes 'no budget' as a statement, not an unknown", () => {
    const { state } = run(
      [
        {
          field: "budget",
          value: { status: "exploring", amount: 10000, currency: "USD" },
          ...said("maybe 10k"),
        },
      ],
      [{ field: "budget", value: { status: "none" }, ...said("actually there's no budget") }],
    );
    expect(state.budget?.value).toEqual({ status: "none" });
  });

  it("does not downgrade an explicit need to latent, and unions pains", () => {
    const { state } = run(
      [
        {
          field: "need",
          value: { status: "explicit", pains: ["slow lead routing"] },
          ...said("lead routing is slow"),
        },
      ],
      [
        {
          field: "need",
          value: { status: "latent", pains: ["reporting"] },
          ...said("reporting might be nice"),
        },
      ],
    );
    expect(state.need?.value).toEqual({ status: "explicit", pains: ["slow lead routing", "reporting"] });
  });

  it("accumulates disqualifiers once each", () => {
    const { state, accepted } = run(
      [{ field: "disqualifier", value: "student", ...said("I'm a student") }],
      [
        { field: "disqualifier", value: "student", ...said("for my thesis") },
        { field: "disqualifier", value: "job_seeker", ...said("are you hiring") },
      ],
    );
    expect(state.disqualifiers.map((entry) => entry.value)).toEqual(["student", "job_seeker"]);
    expect(accepted[1]).toEqual([false, true]);
  });

  it("updates contact and company facts and keeps the rest", () => {
    const { state } = run(
      [
        { field: "contact.name", value: "Dana Lee", ...said("I'm Dana Lee") },
        { field: "company.size", value: 250, ...said("about 250 people") },
      ],
      [{ field: "contact.email", value: "dana@acme.test", ...said("dana@acme.test") }],
    );
    expect(state.contact.name?.value).toBe("Dana Lee");
    expect(state.contact.email?.value).toBe("dana@acme.test");
    expect(state.company.size?.value).toBe(250);
  });

  it("does not mutate the input state", () => {
    const before = emptyQualification();
    mergeSignals(before, [{ field: "seniority", value: "vp", ...said("VP Sales") }], source(1));
    expect(before).toEqual(emptyQualification());
  });
});

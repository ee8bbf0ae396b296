import { describe, expect, it } from "vitest";
import type { AuthorityStatus } from "../../../src/core/qualification.js";
import { type ReadOptions, signalsOf } from "./read.js";

type Row = [text: string, status?: AuthorityStatus, options?: ReadOptions];

const explicit: Row[] = [
  ["I sign off on tools like this", "decision_maker"],
  ["it's my call", "decision_maker"],
  ["I own the budget for sales tooling", "decision_maker"],
  ["I make the final decision on software purchases", "decision_maker"],
  ["the decision is mine", "decision_maker"],
  ["I'm the one who decides", "decision_maker"],
  ["I have final say on vendors", "decision_maker"],
  ["it would be my call in the end", "decision_maker"],
  ["I can approve anything under 10k", "decision_maker"],
  ["My co-founder and I make every purchasing decision together", "decision_maker"],
  ["ultimately it's up to me", "decision_maker"],
  ["I'd need sign-off from our CFO", "influencer"],
  ["I'll have to run it by my boss", "influencer"],
  ["our CEO signs off on anything over 5k", "influencer"],
  ["the board makes the final decision", "influencer"],
  ["I'll be recommending a vendor to our COO, who signs off", "influencer"],
  ["it's not my call, but I'll put it forward", "influencer"],
  ["I'm putting together a shortlist for our VP", "influencer"],
  ["I'm just collecting options for my boss", "influencer"],
  ["my manager asked me to look into tools like this", "influencer"],
  ["we decide as a team, I'm part of the evaluation", "influencer"],
  ["I'm on the buying committee", "influencer"],
  ["I don't own the purchase, just the security review", "influencer"],
  ["need approval from procurement before anything", "influencer"],
  ["I'd just be using it day to day", "user"],
  ["I'm just an end user", "user"],
  ["purchasing is way above my pay grade lol", "user"],
  ["not my decision at all, I'm one of the agents who'd be working in it", "user"],
  ["IT picks the tools, the rest of us just use whatever they roll out", "user"],
  ["I have no say in what we buy", "user"],
];

const answers: Row[] = [
  ["me", "decision_maker", { asked: "authority" }],
  ["that would be me", "decision_maker", { asked: "authority" }],
  ["me and our CEO", "decision_maker", { asked: "authority" }],
  ["our CFO", "influencer", { asked: "authority" }],
  ["the owner, I'll pitch it to him", "influencer", { asked: "authority" }],
  ["procurement and the CNO. I'd be one of the people using it", "user", { asked: "authority" }],
  [
    "yes",
    "decision_maker",
    { botSaid: "How does your team usually decide on tools like this? Would it be your call?" },
  ],
  ["no, my director decides", "influencer", { botSaid: "Would it be your call?" }],
];

const nothing: Row[] = [
  ["our CEO loves dashboards"],
  ["finance approved 80k for this"],
  ["Who makes the decision on your side?"],
  ["can I sign up for a trial?"],
  ["I need to sign up first"],
  ["if I were the decision maker I'd buy it today"],
  ["we decided to look at chatbots last year"],
  ["I need a tool that routes approvals to managers"],
  ["yes", undefined, { asked: "authority" }],
  ["I'd rather not say"],
  ["my boss loves your website"],
];

describe("authority", () => {
  it.each([...explicit, ...answers])("reads %j as %s", (text, status, options) => {
    expect(signalsOf(text, "authority", options)[0]?.value.status).toBe(status);
  });
  it.each(nothing)("reads no authority in %j", (text, _status, options) => {
    expect(signalsOf(text, "authority", options)).toEqual([]);
  });

  it("gives explicit statements firm confidence and a c-suite title only a weak one", () => {
    const [stated] = signalsOf("I sign off on tools like this", "authority");
    const [inferred] = signalsOf("I'm the CTO at Ridgeway", "authority");
    expect(stated?.confidence).toBeGreaterThanOrEqual(0.85);
    expect(inferred).toMatchObject({ value: { status: "decision_maker" } });
    expect(inferred!.confidence).toBeLessThan(0.7);
  });

  it("lets an explicit statement in the same message override the title", () => {
    expect(signalsOf("I'm the CEO but our board signs off on purchases", "authority")[0]).toMatchObject({
      value: { status: "influencer" },
      confidence: 0.9,
    });
  });
});

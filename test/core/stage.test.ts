import { describe, expect, it } from "vitest";
import { nextStage, type Stage, type StageFacts } from "../../src/core/stage.js";

const none: StageFacts = {
  engaged: false,
  marketingQualified: false,
  qualified: false,
  disqualified: false,
  handoffPending: false,
  handedOff: false,
  nurture: false,
};

describe("nextStage", () => {
  const cases: [Stage, Partial<StageFacts>, Stage][] = [
    ["new", {}, "new"],
    ["new", { engaged: true }, "engaged"],
    ["engaged", { engaged: true, marketingQualified: true }, "mql"],
    ["mql", { engaged: true, marketingQualified: true, qualified: true }, "sql"],
    ["sql", { engaged: true, qualified: true, handoffPending: true }, "pending_handoff"],
    ["pending_handoff", { engaged: true, qualified: true, handoffPending: true }, "pending_handoff"],
    ["pending_handoff", { engaged: true, handedOff: true }, "handed_off"],
    ["mql", { engaged: true }, "mql"],
    ["sql", { engaged: true, marketingQualified: true }, "sql"],
    ["engaged", { engaged: true, disqualified: true }, "disqualified"],
    ["mql", { engaged: true, nurture: true }, "nurture"],
    ["nurture", { engaged: true }, "nurture"],
    ["nurture", { engaged: true, qualified: true }, "sql"],
    ["disqualified", { engaged: true, marketingQualified: true }, "disqualified"],
    ["engaged", { engaged: true, handoffPending: true }, "pending_handoff"],
    ["nurture", { engaged: true, qualified: true, nurture: true }, "nurture"],
  ];
  it.each(cases)("%s + %j → %s", (current, facts, expected) => {
    expect(nextStage(current, { ...none, ...facts })).toBe(expected);
  });
});

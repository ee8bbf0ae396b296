import { describe, expect, it } from "vitest";
import { applyHandoffDecision, type HandoffState } from "../../src/core/handoff.js";

const pending: HandoffState = { status: "pending", version: 0 };
const at = "2026-11-23T10:00:00.000Z";

describe("applyHandoffDecision", () => {
  it("approves a pending handoff and records who and when", () => {
    const result = applyHandoffDecision(pending, { kind: "approve", by: "U1", at });
    expect(result).toEqual({
      ok: true,
      value: { status: "approved", version: 1, decidedBy: "U1", decidedAt: at, assignee: "U1" },
    });
  });

  it("requires a reason to reject", () => {
    expect(applyHandoffDecision(pending, { kind: "reject", by: "U1", at, reason: "  " })).toEqual({
      ok: false,
      error: { code: "reason_required" },
    });
    const rejected = applyHandoffDecision(pending, { kind: "reject", by: "U1", at, reason: "no budget" });
    expect(rejected.ok && rejected.value).toMatchObject({ status: "rejected", reason: "no budget" });
  });

  it("lets a reassigned handoff be decided by the new assignee", () => {
    const reassigned = applyHandoffDecision(pending, { kind: "reassign", by: "U1", at, to: "U2" });
    expect(reassigned.ok && reassigned.value).toMatchObject({
      status: "reassigned",
      assignee: "U2",
      version: 1,
    });
    if (!reassigned.ok) return;
    const approved = applyHandoffDecision(reassigned.value, { kind: "approve", by: "U2", at });
    expect(approved.ok && approved.value).toMatchObject({ status: "approved", assignee: "U2", version: 2 });
  });

  it.each(["approved", "rejected"] as const)(
    "refuses a second decision on a %s handoff, naming who decided",
    (status) => {
      const decided: HandoffState = { status, version: 1, decidedBy: "U1", decidedAt: at };
      expect(applyHandoffDecision(decided, { kind: "approve", by: "U2", at })).toEqual({
        ok: false,
        error: { code: "already_decided", status, decidedBy: "U1", decidedAt: at },
      });
    },
  );
});

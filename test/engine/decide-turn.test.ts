import { describe, expect, it } from "vitest";
import { defaultScorecard } from "../../src/core/default-scorecard.js";
import { emptyDialogueMemory } from "../../src/core/policy.js";
import { emptyQualification, type Signal } from "../../src/core/qualification.js";
import { decideTurn, planTurn } from "../../src/engine/decide-turn.js";
import type { StoredHandoff, TurnContext } from "../../src/engine/ports.js";
import type { ExtractionResult } from "../../src/extraction/extractor.js";
import { loadReplyTemplates } from "../../src/replies/load-templates.js";
import { evidenceOf } from "../helpers/scripted-extractor.js";

const templates = loadReplyTemplates();
const now = new Date("2026-11-23T10:00:00Z");

function context(text: string, overrides: { handoff?: StoredHandoff | null } = {}): TurnContext {
  return {
    message: { id: 7, text, processedAt: null, createdAt: now },
    conversation: {
      id: "conversation-1",
      channel: "web",
      externalId: "session-1",
      referenceNow: null,
      humanOwner: null,
      dialogue: emptyDialogueMemory(),
    },
    lead: { id: "lead-1", stage: "new", version: 0, state: emptyQualification() },
    handoff: overrides.handoff ?? null,
    history: [],
    replies: [],
  };
}

const signal = (field: Signal["field"], value: unknown, quote: string) =>
  ({ field, value, ...evidenceOf(quote) }) as Signal;

const qualifyingText = "Lead routing is slow. We have $50k a year and I sign off on tools. Live by January.";
const qualifying: Signal[] = [
  signal("need", { status: "explicit", pains: ["slow lead routing"] }, "Lead routing is slow"),
  signal("budget", { status: "allocated", amount: 50000, currency: "USD", period: "year" }, "$50k a year"),
  signal("authority", { status: "decision_maker" }, "I sign off on tools"),
  signal("timeline", { status: "within_3_months" }, "Live by January"),
];

function decide(turn: TurnContext, extraction: Partial<ExtractionResult>) {
  const plan = planTurn(turn, defaultScorecard);
  return {
    plan,
    decision: decideTurn(
      turn,
      plan,
      { signals: [], intents: [], extractor: "test", ...extraction },
      { scorecard: defaultScorecard, templates, now },
    ),
  };
}

describe("decideTurn", () => {
  it("opens one handoff and records lead.qualified when a message qualifies the lead", () => {
    const { decision } = decide(context(qualifyingText), { signals: qualifying });
    expect(decision.score.qualified).toBe(true);
    expect(decision.openHandoff).toEqual({ reason: "qualified" });
    expect(decision.events.map((event) => event.type)).toEqual(["lead.qualified", "handoff.requested"]);
    expect(decision.stage).toBe("pending_handoff");
    expect(decision.audit.map((entry) => entry.type)).toContain("stage.changed");
  });

  it("does not open a second handoff while one is pending", () => {
    const pending: StoredHandoff = {
      id: "handoff-1",
      leadId: "lead-1",
      status: "pending",
      version: 0,
      assignee: null,
      decidedBy: null,
      decidedAt: null,
      reason: "qualified",
      cardRef: null,
      createdAt: now,
    };
    const { decision } = decide(context(qualifyingText, { handoff: pending }), { signals: qualifying });
    expect(decision.openHandoff).toBeNull();
    expect(decision.events.map((event) => event.type)).not.toContain("handoff.requested");
  });

  it("drops values whose quote is not in the message, and says so in the audit", () => {
    const invented = signal("budget", { status: "allocated", amount: 1_000_000 }, "a $1M budget");
    const { decision } = decide(context("we need better routing"), { signals: [invented] });
    expect(decision.state.budget).toBeUndefined();
    expect(decision.dropped).toEqual([invented]);
    expect(decision.droppedValues).toBe(1);
    expect(decision.audit).toContainEqual({
      type: "signals.dropped",
      actor: "qualbot",
      data: { count: 1, reason: "evidence_not_found" },
    });
  });

  it("sends the extractor's draft only when it was written for the move the policy made", () => {
    const turn = context("hello there");
    const { plan } = decide(turn, {});
    const forPlanned = decide(turn, { draftReply: { forMove: plan.moves.planned, text: "Drafted reply." } });
    expect(forPlanned.decision.reply).toBe("Drafted reply.");
    const forOther = decide(turn, { draftReply: { forMove: { kind: "wrap_up" }, text: "Drafted reply." } });
    expect(forOther.decision.reply).not.toBe("Drafted reply.");
    expect(forOther.decision.reply).toEqual(expect.any(String));
  });

  it("stays silent while a rep owns the conversation", () => {
    const turn = context("are you still there?");
    turn.conversation.humanOwner = "U-REP";
    const { decision } = decide(turn, {});
    expect(decision.move).toEqual({ kind: "silent" });
    expect(decision.reply).toBeNull();
  });
});

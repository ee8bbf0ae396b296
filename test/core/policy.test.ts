import { describe, expect, it } from "vitest";
import { defaultScorecard } from "../../src/core/default-scorecard.js";
import type { Intent } from "../../src/core/intent.js";
import {
  assumeAnswered,
  type DialogueMemory,
  decideMove,
  emptyDialogueMemory,
  type HandoffStatusForPolicy,
  type Move,
  rankSlots,
  rememberMove,
  sameMove,
} from "../../src/core/policy.js";
import {
  emptyQualification,
  type QualificationView,
  viewQualification,
} from "../../src/core/qualification.js";
import { Scorecard, scoreLead } from "../../src/core/scorecard.js";

function decide(
  overrides: Partial<QualificationView> = {},
  options: {
    intents?: Intent[];
    memory?: DialogueMemory;
    handoff?: HandoffStatusForPolicy;
    humanOwned?: boolean;
    card?: Scorecard;
  } = {},
): Move {
  const card = options.card ?? defaultScorecard;
  const base = { ...viewQualification(emptyQualification(), false), ...overrides };
  const score = scoreLead(card, base);
  return decideMove({
    card,
    view: { ...base, qualified: score.qualified },
    score,
    intents: options.intents ?? [],
    memory: options.memory ?? emptyDialogueMemory(),
    handoff: options.handoff ?? null,
    humanOwned: options.humanOwned ?? false,
  });
}

const asked = (move: Move): DialogueMemory => rememberMove(emptyDialogueMemory(), move);

describe("decideMove", () => {
  it("greets and asks about the need first", () => {
    expect(decide()).toEqual({
      kind: "ask",
      slot: "need",
      greet: true,
      deferQuestion: false,
      afterDecline: false,
    });
  });

  it("asks for the most valuable missing signal, one at a time, never one already answered", () => {
    const memory = asked({
      kind: "ask",
      slot: "need",
      greet: true,
      deferQuestion: false,
      afterDecline: false,
    });
    expect(decide({ need: { status: "explicit" } }, { memory })).toMatchObject({
      kind: "ask",
      slot: "authority",
      greet: false,
    });
    expect(decide({ need: { status: "explicit" }, authority: { status: "user" } }, { memory })).toMatchObject(
      { slot: "timeline" },
    );
    expect(
      decide(
        { need: { status: "explicit" }, authority: { status: "user" }, timeline: { status: "none" } },
        { memory },
      ),
    ).toMatchObject({ slot: "budget" });
  });

  it("explains why it asked, then does not count the explanation as a new question", () => {
    const memory = asked({
      kind: "ask",
      slot: "budget",
      greet: false,
      deferQuestion: false,
      afterDecline: false,
    });
    const move = decide({ need: { status: "explicit" } }, { intents: ["asks_why"], memory });
    expect(move).toEqual({ kind: "explain_why", slot: "budget" });
    expect(rememberMove(memory, move).questions).toBe(1);
  });

  it("moves on from a declined question instead of repeating it", () => {
    const memory = asked({
      kind: "ask",
      slot: "authority",
      greet: false,
      deferQuestion: false,
      afterDecline: false,
    });
    expect(decide({ need: { status: "explicit" } }, { intents: ["declines"], memory })).toMatchObject({
      kind: "ask",
      slot: "timeline",
      afterDecline: true,
    });
  });

  it("honours a request for a human at any point", () => {
    expect(decide({}, { intents: ["wants_human"] })).toEqual({ kind: "human_requested", askEmail: true });
  });

  it("offers the handoff once qualified, asking for an email when unknown", () => {
    const qualified = {
      need: { status: "explicit" as const },
      budget: { status: "allocated" as const },
      authority: { status: "decision_maker" as const },
    };
    expect(decide(qualified)).toEqual({ kind: "offer_handoff", askEmail: true });
    expect(decide({ ...qualified, contact: { email: "a@b.test" } })).toEqual({
      kind: "offer_handoff",
      askEmail: false,
    });
  });

  it("closes politely on a disqualifier", () => {
    expect(decide({ disqualifiers: ["job_seeker"], need: { status: "explicit" } })).toEqual({
      kind: "close_disqualified",
      reason: "job_seeker",
    });
  });

  it("stays silent while a human owns the conversation", () => {
    expect(decide({}, { humanOwned: true })).toEqual({ kind: "silent" });
  });

  it("tells the prospect a handoff is pending instead of asking more", () => {
    expect(decide({ contact: { email: "a@b.test" } }, { handoff: "pending" })).toEqual({
      kind: "awaiting_handoff",
      askEmail: false,
    });
    expect(decide({}, { handoff: "approved" })).toEqual({ kind: "handed_off" });
  });

  it("answers a price question without quoting and keeps qualifying", () => {
    expect(
      decide({ need: { status: "explicit" } }, { intents: ["asks_price"], memory: asked(decide()) }),
    ).toEqual({
      kind: "answer_price",
      slot: "authority",
    });
  });

  it("stops asking after the configured number of questions and wraps up", () => {
    const card = Scorecard.parse({ ...defaultScorecard, dialogue: { maxQuestions: 2 } });
    let memory = emptyDialogueMemory();
    const moves: Move[] = [];
    for (let turn = 0; turn < 4; turn++) {
      const move = decide({}, { memory, card });
      moves.push(move);
      memory = rememberMove(memory, move);
    }
    expect(moves.map((move) => move.kind)).toEqual(["ask", "ask", "wrap_up", "wrap_up"]);
  });

  it("asks each slot at most maxAsksPerSlot times, then wraps up when nothing is left", () => {
    let memory = emptyDialogueMemory();
    const slots: string[] = [];
    for (let turn = 0; turn < 8; turn++) {
      const move = decide({}, { memory });
      if (move.kind === "ask") slots.push(move.slot);
      memory = rememberMove(memory, move);
    }
    for (const slot of new Set(slots))
      expect(slots.filter((entry) => entry === slot).length).toBeLessThanOrEqual(2);
    expect(decide({}, { memory })).toEqual({ kind: "wrap_up" });
  });
});

describe("rankSlots", () => {
  it("puts the slots that decide qualification first, in the card's ask order", () => {
    expect(rankSlots(defaultScorecard)).toEqual(["need", "authority", "timeline", "budget", "company"]);
  });
});

describe("assumeAnswered and sameMove (planning a reply for an answered question)", () => {
  it("marks a slot known without earning points or qualifying", () => {
    const base = viewQualification(emptyQualification(), false);
    for (const slot of ["need", "authority", "timeline", "budget", "company", "email"] as const) {
      const answered = assumeAnswered(base, slot);
      const score = scoreLead(defaultScorecard, answered);
      expect(score.qualified, slot).toBe(false);
      expect(
        score.reasons.filter((reason) => reason.points > 0),
        slot,
      ).toEqual([]);
    }
    expect(decide(assumeAnswered(base, "need"), { memory: asked(decide()) })).toMatchObject({
      kind: "ask",
      slot: "authority",
    });
  });

  it("treats asks of the same slot as the same move whatever their courtesy flags", () => {
    const ask = {
      kind: "ask",
      slot: "timeline",
      greet: false,
      deferQuestion: false,
      afterDecline: false,
    } as const;
    expect(sameMove(ask, { ...ask, afterDecline: true })).toBe(true);
    expect(sameMove(ask, { ...ask, slot: "budget" })).toBe(false);
    expect(sameMove(ask, { ...ask, greet: true })).toBe(false);
    expect(
      sameMove({ kind: "offer_handoff", askEmail: true }, { kind: "offer_handoff", askEmail: false }),
    ).toBe(false);
  });
});

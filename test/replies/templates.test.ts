import { describe, expect, it } from "vitest";
import { defaultScorecard } from "../../src/core/default-scorecard.js";
import { decideMove, emptyDialogueMemory, type Move, rememberMove } from "../../src/core/policy.js";
import { emptyQualification, viewQualification } from "../../src/core/qualification.js";
import { scoreLead } from "../../src/core/scorecard.js";
import { loadReplyTemplates } from "../../src/replies/load-templates.js";
import { renderReply } from "../../src/replies/templates.js";

const templates = loadReplyTemplates();
const context = { seed: 3, learnedSomething: false, recentReplies: [] as string[] };

describe("renderReply", () => {
  it("renders every move the policy can make", () => {
    const moves: Move[] = [
      { kind: "ask", slot: "need", greet: true, deferQuestion: true, afterDecline: true },
      { kind: "explain_why", slot: "budget" },
      { kind: "answer_price", slot: "timeline" },
      { kind: "answer_price" },
      { kind: "offer_handoff", askEmail: true },
      { kind: "human_requested", askEmail: false },
      { kind: "awaiting_handoff", askEmail: true },
      { kind: "handed_off" },
      { kind: "close_disqualified", reason: "support_request" },
      { kind: "wrap_up" },
      { kind: "goodbye" },
    ];
    for (const move of moves) expect(renderReply(templates, move, context), move.kind).toMatch(/\w{3}/);
    expect(renderReply(templates, { kind: "silent" }, context)).toBeNull();
  });

  it("asks exactly one question per reply", () => {
    for (const slot of ["need", "authority", "timeline", "budget", "company", "email"] as const)
      for (let seed = 0; seed < 6; seed++) {
        const reply = renderReply(
          templates,
          { kind: "ask", slot, greet: false, deferQuestion: false, afterDecline: false },
          { ...context, seed },
        )!;
        expect(reply.split("?").length - 1, reply).toBe(1);
      }
  });

  it("never repeats itself word for word while another wording is fresher", () => {
    const recentReplies: string[] = [];
    for (let turn = 0; turn < 4; turn++) {
      const reply = renderReply(
        templates,
        { kind: "awaiting_handoff", askEmail: false },
        { ...context, seed: 0, recentReplies },
      )!;
      if (recentReplies.length > 0) expect(reply).not.toBe(recentReplies.at(-1));
      recentReplies.push(reply);
    }
  });

  it("uses the first name only when it is known", () => {
    const move: Move = { kind: "ask", slot: "need", greet: true, deferQuestion: false, afterDecline: false };
    for (let seed = 0; seed < 4; seed++) {
      expect(renderReply(templates, move, { ...context, seed })).not.toContain("{firstName}");
      expect(renderReply(templates, move, { ...context, seed, firstName: "Dana" })).toContain("Dana");
    }
  });

  it("gives varied wording across a whole conversation", () => {
    let memory = emptyDialogueMemory();
    const replies: string[] = [];
    for (let turn = 0; turn < 6; turn++) {
      const view = viewQualification(emptyQualification(), false);
      const move = decideMove({
        card: defaultScorecard,
        view,
        score: scoreLead(defaultScorecard, view),
        intents: [],
        memory,
        handoff: null,
        humanOwned: false,
      });
      replies.push(renderReply(templates, move, { ...context, seed: turn, recentReplies: replies })!);
      memory = rememberMove(memory, move);
    }
    expect(new Set(replies).size).toBe(replies.length);
  });
});

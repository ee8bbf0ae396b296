import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultScorecard } from "../../src/core/default-scorecard.js";
import type { Move } from "../../src/core/policy.js";
import { emptyQualification, viewQualification } from "../../src/core/qualification.js";
import type { ConversationDriver } from "../../src/evals/conversation-driver.js";
import { createInMemoryDriver } from "../../src/evals/in-memory-driver.js";
import { Persona, parsePersonas } from "../../src/evals/persona.js";
import { simulate, simulatePersona } from "../../src/evals/simulate.js";
import { loadReplyTemplates } from "../../src/replies/load-templates.js";
import { createKeywordExtractor, fixtureRules } from "./keyword-extractor.js";

const { personas } = parsePersonas(
  readFileSync(new URL("../fixtures/evals/personas.jsonl", import.meta.url), "utf8"),
);
const templates = loadReplyTemplates();

async function run(maxTurns?: number) {
  const driver = createInMemoryDriver({
    extractor: createKeywordExtractor(fixtureRules),
    scorecard: defaultScorecard,
    templates,
  });
  return simulate(personas, { driver, runNow: new Date("2026-11-23T10:00:00Z"), maxTurns });
}

describe("simulate", () => {
  it("answers the slot the bot's move asks for and routes a qualified persona", async () => {
    const report = await run();
    const qualified = report.conversations.find((entry) => entry.id === "persona-qualified")!;
    const asked = qualified.transcript.flatMap((line) => (line.move?.kind === "ask" ? [line.move.slot] : []));
    expect(asked).toEqual(["authority", "timeline"]);
    expect(qualified.transcript.at(-1)?.move?.kind).toBe("awaiting_handoff");
    expect(qualified.factsGiven.sort()).toEqual(["authority", "email", "timeline"]);
    expect(qualified.factsGathered.sort()).toEqual(["authority", "email", "timeline"]);
    expect(qualified.routingCorrect).toBe(true);
    expect(qualified.turns).toBe(4);
    expect(qualified.reAsks).toBe(0);
  });

  it("counts re-asks for a prospect who declines everything, and stops at the question limit", async () => {
    const report = await run();
    const dodger = report.conversations.find((entry) => entry.id === "persona-dodger")!;
    expect(dodger.lastMove).toBe("wrap_up");
    expect(dodger.turns).toBe(1 + defaultScorecard.dialogue.maxQuestions);
    expect(dodger.reAsks).toBeGreaterThan(0);
    expect(dodger.reAsksAfterAnswer).toBe(0);
    expect(dodger.factsGiven).toEqual([]);
    expect(dodger.routingCorrect).toBe(true);
  });

  it("ends a disqualified conversation at once and aggregates the results", async () => {
    const report = await run();
    const student = report.conversations.find((entry) => entry.id === "persona-student")!;
    expect(student).toMatchObject({
      turns: 1,
      lastMove: "close_disqualified",
      factsGathered: [],
      routingCorrect: true,
    });
    expect(report.personas).toBe(3);
    expect(report.routing).toMatchObject({ tp: 1, tn: 2, fp: 0, fn: 0 });
    // Available facts: qualified persona 4 (3 gathered), student 1 (need never asked) → 3/5.
    expect(report.factsGatheredRate).toBeCloseTo(3 / 5);
  });

  it("gives up after max turns", async () => {
    const report = await run(2);
    const dodger = report.conversations.find((entry) => entry.id === "persona-dodger")!;
    expect(dodger).toMatchObject({ turns: 2, end: "max_turns" });
  });
});

describe("simulate with any ConversationDriver", () => {
  it("reads the asked slot from the move, never from the reply text", async () => {
    const received: string[] = [];
    const view = { ...viewQualification(emptyQualification(), false) };
    const moves: Move[] = [
      { kind: "ask", slot: "timeline", greet: true, deferQuestion: false, afterDecline: false },
      { kind: "wrap_up" },
    ];
    const driver: ConversationDriver = {
      async start() {
        return {
          async send(text) {
            received.push(text);
            const move = moves[received.length - 1]!;
            return { reply: "So, what's your budget?", move, view };
          },
        };
      },
    };
    const persona = Persona.parse({
      id: "p",
      opening: "hello",
      facts: { budget: "About $10k.", timeline: "Next month." },
      expected: { qualified: false },
    });
    const result = await simulatePersona(persona, { driver, runNow: new Date("2026-11-23T10:00:00Z") });
    expect(received).toEqual(["hello", "Next month."]);
    expect(result).toMatchObject({
      turns: 2,
      factsGiven: ["timeline"],
      lastMove: "wrap_up",
      routingCorrect: true,
    });
  });
});

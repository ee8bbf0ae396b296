import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDataset, readTextFile } from "../../src/evals/dataset.js";
import { parsePersonas } from "../../src/evals/persona.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/evals/${name}`, import.meta.url), "utf8");

describe("parseDataset", () => {
  it("parses the DESIGN §3 example line", () => {
    const line = JSON.stringify({
      id: "acme-001",
      now: "2026-11-23T10:00:00Z",
      messages: [
        { role: "prospect", text: "Hi, I'm the VP of Sales at Acme..." },
        { role: "bot", text: "..." },
      ],
      expected: {
        budget: { status: "allocated", amount: 50000, currency: "USD", period: "year" },
        authority: { status: "decision_maker" },
        seniority: "vp",
        need: { status: "explicit" },
        timeline: { status: "within_3_months" },
        disqualifiers: [],
        qualified: true,
      },
    });
    const { cases, errors } = parseDataset(`${line}\n`);
    expect(errors).toEqual([]);
    expect(cases[0]?.expected.budget?.amount).toBe(50000);
  });

  it("collects every bad line with its number and reason", () => {
    const { cases, errors } = parseDataset(fixture("invalid.jsonl"));
    expect(cases.map((entry) => entry.id)).toEqual(["ok-001"]);
    expect(errors.map((error) => error.line)).toEqual([2, 3, 5, 6, 7]);
    expect(errors[0]!.reason).toMatch(/invalid JSON/);
    expect(errors[1]!.reason).toMatch(/messages\.0\.role/);
    expect(errors[2]!.reason).toMatch(/authorty/);
    expect(errors[3]!.reason).toBe('duplicate id "ok-001" (first on line 1)');
    expect(errors[4]!.reason).toMatch(/expected\.budget\.currency/);
  });

  it("rejects per-turn gold on bot turns and cases without a prospect message", () => {
    const botGold = JSON.stringify({
      id: "x",
      messages: [
        { role: "prospect", text: "hi" },
        { role: "bot", text: "hello", expected: {} },
      ],
      expected: {},
    });
    const botOnly = JSON.stringify({ id: "y", messages: [{ role: "bot", text: "hello" }], expected: {} });
    const { errors } = parseDataset(`${botGold}\n${botOnly}`);
    expect(errors).toEqual([
      { line: 1, reason: "messages.1.expected: only prospect turns can carry an expected state" },
      { line: 2, reason: "messages: needs at least one prospect message" },
    ]);
  });

  it("returns no cases and no errors for an empty file", () => {
    expect(parseDataset("\n\n")).toEqual({ cases: [], errors: [] });
  });
});

describe("readTextFile", () => {
  it("reports a missing file as a result", async () => {
    const result = await readTextFile("/nonexistent/qualbot/dev.jsonl", "dataset");
    expect(result).toEqual({
      ok: false,
      error: "cannot read dataset /nonexistent/qualbot/dev.jsonl: no such file",
    });
  });
});

describe("parsePersonas", () => {
  it("parses the fixture personas and rejects unknown slots", () => {
    const { personas, errors } = parsePersonas(fixture("personas.jsonl"));
    expect(errors).toEqual([]);
    expect(personas.length).toBeGreaterThan(0);
    const bad = parsePersonas(
      JSON.stringify({ id: "p", opening: "hi", facts: { mood: "happy" }, expected: {} }),
    );
    expect(bad.errors[0]?.line).toBe(1);
  });
});

import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runEvalCommand } from "../../src/evals/eval-command.js";
import { aggregate, scoreCase } from "../../src/evals/score.js";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/evals/${name}`, import.meta.url));

async function evalJson(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const out = new PassThrough().on("data", (chunk) => {
    stdout += chunk;
  });
  const err = new PassThrough().on("data", (chunk) => {
    stderr += chunk;
  });
  const code = await runEvalCommand([...argv, "--format", "json"], {
    stdout: out,
    stderr: err,
    isTTY: false,
    env: {},
  });
  return { code, stderr, report: JSON.parse(stdout) };
}

describe("qualbot eval with the offline extractor (end to end)", () => {
  it("runs the fixture dataset and writes a self-consistent report", async () => {
    const { report, stderr } = await evalJson([
      "--dataset",
      fixture("small.jsonl"),
      "--extractor",
      "offline",
    ]);
    expect(stderr).toContain("Routing (qualified)");
    expect(report.metadata.extractor).toEqual({ kind: "offline", names: ["offline"] });
    expect(report.summary).toMatchObject({ cases: 4, runs: 4, runsWithErrors: 0 });
    expect(report.usage.extractCalls).toBe(6);
    for (const entry of report.cases)
      expect(entry.outcomes).toEqual(scoreCase(entry.expected, entry.predicted));
    const recomputed = aggregate(
      report.cases.map((entry: { outcomes: Record<string, never> }) => entry.outcomes),
    );
    expect(recomputed.micro).toEqual(report.micro);
    const student = report.cases.find((entry: { id: string }) => entry.id === "student-002");
    expect(student.predicted.disqualifiers).toContain("student");
    expect(student.predicted.qualified).toBe(false);
  });

  it("simulates the fixture personas against the in-memory bot", async () => {
    const { report } = await evalJson(["--simulate", fixture("personas.jsonl"), "--extractor", "offline"]);
    const student = report.simulation.conversations.find(
      (entry: { id: string }) => entry.id === "persona-student",
    );
    expect(student).toMatchObject({ turns: 1, lastMove: "close_disqualified", routingCorrect: true });
    for (const conversation of report.simulation.conversations) {
      expect(conversation.turns).toBeLessThanOrEqual(12);
      const asks = conversation.transcript.filter(
        (line: { move?: { kind: string } }) => line.move?.kind === "ask",
      ).length;
      expect(conversation.reAsks).toBeLessThanOrEqual(asks);
    }
  });
});

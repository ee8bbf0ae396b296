import { describe, expect, it } from "vitest";
import { serializeReport } from "../../src/evals/report.js";
import { renderJunit } from "../../src/evals/report-junit.js";
import { renderMarkdown } from "../../src/evals/report-markdown.js";
import { aggregate, routingConfusion, scoreCase } from "../../src/evals/score.js";
import { formatSummary } from "../../src/evals/summary-table.js";
import { fixtureRules } from "./keyword-extractor.js";
import { fixtureReport } from "./report-helpers.js";

describe("buildReport", () => {
  it("scores the fixture dataset: one spurious authority, everything else right", async () => {
    const report = await fixtureReport();
    expect(report.summary).toMatchObject({ cases: 4, runs: 4, passed: 3, failed: 1, runsWithErrors: 0 });
    expect(report.cases.find((entry) => !entry.pass)?.id).toBe("boss-004");
    expect(report.cases.find((entry) => entry.id === "boss-004")?.outcomes["authority.status"]).toBe(
      "spurious",
    );
    // authority gold: acme decision_maker (correct), student unknown (abstained), vague unknown (abstained), boss unknown (spurious)
    expect(report.fields["authority.status"]).toMatchObject({
      correct: 1,
      spurious: 1,
      abstained: 2,
      incorrect: 0,
      missing: 0,
    });
    expect(report.fields["authority.status"]!.hallucinationRate).toBeCloseTo(1 / 3);
    expect(report.routing).toMatchObject({ tp: 1, fp: 0, fn: 0, tn: 3, accuracy: 1 });
    expect(report.perTurn).toMatchObject({ checkpoints: 2 });
    expect(report.perTurn!.micro.accuracy).toBe(1);
  });

  it("lets any tool recompute the metrics from cases[]", async () => {
    const report = JSON.parse(JSON.stringify(await fixtureReport()));
    const recomputed = aggregate(
      report.cases.map((entry: { expected: never; predicted: never }) =>
        scoreCase(entry.expected, entry.predicted),
      ),
    );
    expect(recomputed.fields).toEqual(report.fields);
    expect(recomputed.micro).toEqual(report.micro);
    const routing = routingConfusion(
      report.cases.map((entry: { expected: { qualified: boolean }; predicted: { qualified: boolean } }) => ({
        expected: entry.expected.qualified,
        predicted: entry.predicted.qualified,
      })),
    );
    expect(routing).toEqual(report.routing);
  });

  it("reports pass^k over repeated trials", async () => {
    const report = await fixtureReport(fixtureRules, 3);
    expect(report.summary.runs).toBe(12);
    expect(report.repeat).toMatchObject({ k: 3, passAt1: 0.75, passHatK: 0.75 });
  });
});

describe("writers", () => {
  it("renders Markdown with the field table, routing and failing slots", async () => {
    const markdown = renderMarkdown(await fixtureReport());
    expect(markdown).toContain("**3/4 case runs passed (75.0%)**");
    expect(markdown).toMatch(/\| `authority.status` \| 4 \| 1 \| 0 \| 0 \| 1 \|/);
    expect(markdown).toContain("| boss-004 | authority.status | unknown | influencer | spurious |");
    expect(markdown).toContain("Routing: tp 1 · fp 0 · fn 0 · tn 3");
  });

  it("renders JUnit XML with one testcase per case and a failure for each wrong case", async () => {
    const xml = renderJunit(await fixtureReport());
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('tests="4" failures="1" errors="0"');
    expect(xml).toMatch(
      /name="boss-004"[^>]*>\s*<failure message="1 scored field\(s\) wrong" type="eval_mismatch">authority.status: expected unknown, predicted influencer \(spurious\)<\/failure>/,
    );
  });

  it("escapes XML in case ids and messages", async () => {
    const report = await fixtureReport();
    report.cases[0]!.id = `a<b & "c"`;
    report.cases[0]!.errors = ["bad \u0001 <thing>"];
    const xml = renderJunit(report);
    expect(xml).toContain('name="a&lt;b &amp; &quot;c&quot;"');
    expect(xml).toContain("bad  &lt;thing&gt;");
    expect(xml).not.toContain("\u0001");
  });

  it("prints a summary table with a row per scored field", async () => {
    const text = formatSummary(await fixtureReport());
    for (const field of [
      "budget.status",
      "budget.amount",
      "authority.status",
      "seniority",
      "need.status",
      "timeline.status",
      "disqualifiers",
      "qualified",
    ])
      expect(text).toMatch(new RegExp(`^${field.replace(".", "\\.")}\\s+\\d+`, "m"));
    expect(text).toContain("Routing (qualified): tp 1  fp 0  fn 0  tn 3  accuracy 100.0%");
  });
});

describe("serializeReport", () => {
  it("round-trips and puts each case on its own line", async () => {
    const report = await fixtureReport();
    const text = serializeReport(report);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(report)));
    const caseLines = text.split("\n").filter((line) => line.startsWith('    {"id":'));
    expect(caseLines).toHaveLength(report.cases.length);
  });
});

import { describe, expect, it } from "vitest";
import { compareReports, parseBaseline } from "../../src/evals/compare.js";
import { fixtureRules } from "./keyword-extractor.js";
import { fixtureReport } from "./report-helpers.js";

const withoutNeedRule = fixtureRules.filter((rule) => rule.when !== "need a better way");
const tolerances = { default: 0.02, byKey: {} };
const asBaseline = (value: unknown) => {
  const parsed = parseBaseline(JSON.parse(JSON.stringify(value)));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe("compareReports", () => {
  it("finds no regression against itself", async () => {
    const report = await fixtureReport();
    const comparison = compareReports(report, asBaseline(report), tolerances);
    expect(comparison.regressions).toEqual([]);
    expect(comparison.cases).toEqual([]);
    expect(comparison.notes).toEqual([]);
  });

  it("flags a field and routing regression and lists the newly failing case", async () => {
    const baseline = asBaseline(await fixtureReport());
    // Lose the need rule: acme-001 has no explicit need any more, so it no longer qualifies.
    const worse = await fixtureReport(withoutNeedRule);
    const comparison = compareReports(worse, baseline, tolerances);
    const regressed = comparison.regressions.map((entry) => `${entry.key} ${entry.metric}`);
    expect(regressed).toContain("need.status f1");
    expect(regressed).toContain("qualified accuracy");
    expect(regressed).toContain("routing accuracy");
    expect(regressed).not.toContain("seniority f1");
    expect(comparison.cases[0]).toMatchObject({ id: "acme-001", before: true, after: false });
    expect(comparison.cases[0]!.changed).toContainEqual({
      slot: "qualified",
      before: "correct",
      after: "incorrect",
    });
  });

  it("treats an improvement as no regression and honours per-key tolerances", async () => {
    const worse = await fixtureReport(withoutNeedRule);
    const better = await fixtureReport();
    expect(compareReports(better, asBaseline(worse), tolerances).regressions).toEqual([]);
    const lenient = { default: 1, byKey: {} };
    expect(compareReports(worse, asBaseline(better), lenient).regressions).toEqual([]);
    const strictRoutingOnly = { default: 1, byKey: { routing: 0 } };
    expect(
      compareReports(worse, asBaseline(better), strictRoutingOnly).regressions.map((entry) => entry.key),
    ).toEqual(["routing"]);
  });

  it("notes a different dataset", async () => {
    const report = await fixtureReport();
    const baseline = asBaseline({
      ...report,
      metadata: { ...report.metadata, dataset: { path: "old.jsonl", sha256: "f".repeat(64) } },
    });
    expect(compareReports(report, baseline, tolerances).notes[0]).toMatch(/dataset differs/);
  });

  it("rejects a file that is not a report", () => {
    expect(parseBaseline({ hello: 1 }).ok).toBe(false);
  });
});

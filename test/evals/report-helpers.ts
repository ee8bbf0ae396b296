import { readFileSync } from "node:fs";
import { defaultScorecard } from "../../src/core/default-scorecard.js";
import { parseDataset } from "../../src/evals/dataset.js";
import { buildReport, type EvalReport } from "../../src/evals/report.js";
import { runEval } from "../../src/evals/run-eval.js";
import { createKeywordExtractor, fixtureRules, type KeywordRule } from "./keyword-extractor.js";

export const smallDatasetPath = new URL("../fixtures/evals/small.jsonl", import.meta.url);
export const smallCases = parseDataset(readFileSync(smallDatasetPath, "utf8")).cases;

/** A report over the small fixture dataset with the given keyword rules. */
export async function fixtureReport(rules: KeywordRule[] = fixtureRules, repeat = 1): Promise<EvalReport> {
  const runNow = new Date("2026-01-01T00:00:00Z");
  const run = await runEval({
    cases: smallCases,
    extractor: createKeywordExtractor(rules),
    scorecard: defaultScorecard,
    runNow,
    repeat,
  });
  return buildReport({
    cases: smallCases,
    runs: run.runs,
    wallMs: run.wallMs,
    metadata: {
      extractorKind: "offline",
      dataset: {
        path: "test/fixtures/evals/small.jsonl",
        sha256: "0".repeat(64),
        cases: smallCases.length,
        skippedLines: [],
      },
      personas: null,
      scorecard: { id: defaultScorecard.id, path: null },
      runNow: runNow.toISOString(),
      repeat,
      concurrency: 1,
      cache: { enabled: false, path: null },
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt.toISOString(),
      qualbotVersion: "test",
      node: process.version,
    },
  });
}

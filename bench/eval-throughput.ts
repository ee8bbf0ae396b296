/**
 * Eval throughput with the offline extractor: N cases (default 1,000) made by cycling a dataset.
 *
 *   npx tsx bench/eval-throughput.ts [evals/datasets/dev.jsonl] [--cases 1000] [--concurrency 1]
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { defaultScorecard } from "../src/core/default-scorecard.js";
import { parseDataset } from "../src/evals/dataset.js";
import { createEvalExtractor } from "../src/evals/eval-extractor.js";
import { buildReport } from "../src/evals/report.js";
import { runEval } from "../src/evals/run-eval.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { cases: { type: "string", default: "1000" }, concurrency: { type: "string", default: "1" } },
});
const path = positionals[0] ?? "evals/datasets/dev.jsonl";
const total = Number(values.cases);
const concurrency = Number(values.concurrency);

const { cases, errors } = parseDataset(await readFile(path, "utf8"));
if (cases.length === 0) throw new Error(`${path}: no valid cases (${errors.length} invalid lines)`);
const cycled = Array.from({ length: total }, (_, index) => {
  const source = cases[index % cases.length]!;
  return { ...source, id: `${source.id}~${Math.floor(index / cases.length)}` };
});

const choice = await createEvalExtractor("offline", {});
if (!choice.ok) throw new Error(choice.error);
const runNow = new Date("2026-11-23T10:00:00Z");
// Warm-up: NLP models load lazily and the JIT needs a few rounds.
await runEval({
  cases: cycled.slice(0, Math.min(50, total)),
  extractor: choice.value.extractor,
  scorecard: defaultScorecard,
  runNow,
});

const run = await runEval({
  cases: cycled,
  extractor: choice.value.extractor,
  scorecard: defaultScorecard,
  runNow,
  concurrency,
});
const scoringStarted = performance.now();
const report = buildReport({
  cases: cycled,
  runs: run.runs,
  wallMs: run.wallMs,
  metadata: {
    extractorKind: "offline",
    dataset: { path, sha256: "", cases: cycled.length, skippedLines: [] },
    personas: null,
    scorecard: { id: defaultScorecard.id, path: null },
    runNow: runNow.toISOString(),
    repeat: 1,
    concurrency,
    cache: { enabled: false, path: null },
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    qualbotVersion: "bench",
    node: process.version,
  },
});
const scoringMs = performance.now() - scoringStarted;
const turns = run.runs.reduce((sum, entry) => sum + entry.extractCalls, 0);

console.log(
  `dataset ${path}: ${cases.length} cases cycled to ${total}, ${turns} prospect turns, concurrency ${concurrency}`,
);
console.log(
  `run    ${run.wallMs.toFixed(0)} ms  → ${((total / run.wallMs) * 1000).toFixed(1)} cases/s, ${((turns / run.wallMs) * 1000).toFixed(1)} turns/s`,
);
console.log(`turn latency p50 ${report.latency.turnP50Ms} ms, p95 ${report.latency.turnP95Ms} ms`);
console.log(`report ${scoringMs.toFixed(0)} ms (scoring and aggregation of ${total} cases)`);

import type { EvalCase } from "./dataset.js";
import type { ExpectedState, Prediction } from "./expected.js";
import type { CaseRun } from "./run-case.js";
import {
  type Aggregate,
  aggregate,
  casePassed,
  type Metrics,
  passHatK,
  type RoutingConfusion,
  routingConfusion,
  type SlotOutcomes,
  scoreCase,
} from "./score.js";
import type { SimulationReport } from "./simulate.js";
import { percentile, round } from "./statistics.js";

export const REPORT_SCHEMA = "qualbot.eval-report/v1";

export interface FileIdentity {
  path: string;
  sha256: string;
}

export interface ReportMetadata {
  dataset: (FileIdentity & { cases: number; skippedLines: number[] }) | null;
  personas: (FileIdentity & { personas: number }) | null;
  /** What was asked for (`offline` / `llm`) and the extractor names seen in results. */
  extractor: { kind: string; names: string[] };
  model: string | null;
  models: string[];
  prompts: { id?: string; hash?: string }[];
  scorecard: { id: string; path: string | null };
  /** "now" for cases without their own. */
  runNow: string;
  repeat: number;
  concurrency: number;
  cache: { enabled: boolean; path: string | null };
  startedAt: string;
  finishedAt: string;
  qualbotVersion: string;
  node: string;
}

export interface CaseReport {
  id: string;
  trial: number;
  pass: boolean;
  expected: ExpectedState;
  predicted: Prediction;
  /** Slot → outcome; disqualifiers appear as `disqualifiers.<label>`. */
  outcomes: SlotOutcomes;
  /** Per-turn gold checkpoints, when the case has them. */
  turns?: { messageIndex: number; expected: ExpectedState; predicted: Prediction; outcomes: SlotOutcomes }[];
  latencyMs: number;
  extractCalls: number;
  cacheHits: number;
  usage: { promptTokens: number; completionTokens: number; costUsd: number };
  droppedSignals: number;
  errors: string[];
}

export interface EvalReport extends Aggregate {
  schema: typeof REPORT_SCHEMA;
  metadata: ReportMetadata;
  summary: {
    cases: number;
    runs: number;
    passed: number;
    failed: number;
    passRate: number | null;
    runsWithErrors: number;
  };
  routing: RoutingConfusion;
  /** State accuracy after individual prospect turns (only turns that carry gold). */
  perTurn: { checkpoints: number; fields: Aggregate["fields"]; micro: Metrics } | null;
  repeat: { k: number; passAt1: number | null; passHatK: number | null };
  usage: {
    extractCalls: number;
    cacheHits: number;
    promptTokens: number;
    completionTokens: number;
    /** Cost of every result used, cached ones included (what the run would cost uncached). */
    costUsd: number;
    /** Cost of the calls actually made in this run. */
    spentUsd: number;
  };
  latency: {
    wallMs: number;
    caseP50Ms: number | null;
    caseP95Ms: number | null;
    turnP50Ms: number | null;
    turnP95Ms: number | null;
    casesPerSecond: number | null;
  };
  cases: CaseReport[];
  simulation?: SimulationReport;
}

export interface ReportInput {
  cases: readonly EvalCase[];
  runs: readonly CaseRun[];
  wallMs: number;
  metadata: Omit<ReportMetadata, "model" | "models" | "prompts" | "extractor"> & { extractorKind: string };
  simulation?: SimulationReport;
}

const unique = <T>(values: T[]) => [
  ...new Map(values.map((value) => [JSON.stringify(value), value])).values(),
];

function caseReport(testCase: EvalCase, run: CaseRun): CaseReport {
  const outcomes = scoreCase(testCase.expected, run.predicted);
  const report: CaseReport = {
    id: run.id,
    trial: run.trial,
    pass: casePassed(outcomes) && run.errors.length === 0,
    expected: testCase.expected,
    predicted: run.predicted,
    outcomes,
    latencyMs: round(run.latencyMs),
    extractCalls: run.extractCalls,
    cacheHits: run.cacheHits,
    usage: { ...run.usage, costUsd: round(run.usage.costUsd, 6) },
    droppedSignals: run.droppedSignals,
    errors: run.errors,
  };
  if (run.checkpoints.length > 0)
    report.turns = run.checkpoints.map(({ messageIndex, predicted }) => {
      const expected = testCase.messages[messageIndex]!.expected!;
      return { messageIndex, expected, predicted, outcomes: scoreCase(expected, predicted) };
    });
  return report;
}

/** Everything DESIGN §3 asks of the report, computed from the runs (and recomputable from `cases`). */
export function buildReport(input: ReportInput): EvalReport {
  const byId = new Map(input.cases.map((testCase) => [testCase.id, testCase]));
  const cases = input.runs.map((run) => caseReport(byId.get(run.id)!, run));
  const totals = aggregate(cases.map((entry) => entry.outcomes));
  const routing = routingConfusion(
    cases.flatMap((entry) =>
      entry.expected.qualified === undefined
        ? []
        : [{ expected: entry.expected.qualified, predicted: entry.predicted.qualified }],
    ),
  );
  const turns = cases.flatMap((entry) => entry.turns ?? []);
  const turnTotals = turns.length > 0 ? aggregate(turns.map((turn) => turn.outcomes)) : null;

  const trialsById = new Map<string, boolean[]>();
  for (const entry of cases) trialsById.set(entry.id, [...(trialsById.get(entry.id) ?? []), entry.pass]);
  const passed = cases.filter((entry) => entry.pass).length;
  const sum = (pick: (run: CaseRun) => number) => input.runs.reduce((total, run) => total + pick(run), 0);
  const models = unique(input.runs.flatMap((run) => run.models));
  const { extractorKind, ...metadata } = input.metadata;
  const caseLatencies = input.runs.map((run) => run.latencyMs);
  const turnLatencies = input.runs.flatMap((run) => run.turnLatenciesMs);

  return {
    schema: REPORT_SCHEMA,
    metadata: {
      ...metadata,
      extractor: { kind: extractorKind, names: unique(input.runs.flatMap((run) => run.extractors)) },
      model: models.length === 1 ? models[0]! : models.length === 0 ? null : models.join(", "),
      models,
      prompts: unique(input.runs.flatMap((run) => run.prompts)),
    },
    summary: {
      cases: new Set(input.runs.map((run) => run.id)).size,
      runs: cases.length,
      passed,
      failed: cases.length - passed,
      passRate: cases.length === 0 ? null : passed / cases.length,
      runsWithErrors: input.runs.filter((run) => run.errors.length > 0).length,
    },
    ...totals,
    routing,
    perTurn: turnTotals
      ? { checkpoints: turns.length, fields: turnTotals.fields, micro: turnTotals.micro }
      : null,
    repeat: {
      k: metadata.repeat,
      passAt1: cases.length === 0 ? null : passed / cases.length,
      passHatK: passHatK([...trialsById.values()], metadata.repeat),
    },
    usage: {
      extractCalls: sum((run) => run.extractCalls),
      cacheHits: sum((run) => run.cacheHits),
      promptTokens: sum((run) => run.usage.promptTokens),
      completionTokens: sum((run) => run.usage.completionTokens),
      costUsd: round(
        sum((run) => run.usage.costUsd),
        6,
      ),
      spentUsd: round(
        sum((run) => run.spentUsd),
        6,
      ),
    },
    latency: {
      wallMs: round(input.wallMs),
      caseP50Ms: nullableRound(percentile(caseLatencies, 50)),
      caseP95Ms: nullableRound(percentile(caseLatencies, 95)),
      turnP50Ms: nullableRound(percentile(turnLatencies, 50)),
      turnP95Ms: nullableRound(percentile(turnLatencies, 95)),
      casesPerSecond:
        input.wallMs > 0 && cases.length > 0 ? round((cases.length / input.wallMs) * 1000, 1) : null,
    },
    cases,
    ...(input.simulation ? { simulation: input.simulation } : {}),
  };
}

const nullableRound = (value: number | null) => (value === null ? null : round(value));

/**
 * Pretty JSON with one line per case: readable, and a committed baseline diffs by case instead
 * of by hundreds of lines.
 */
export function serializeReport(report: EvalReport): string {
  const marker = "\u0000cases\u0000";
  const head = JSON.stringify({ ...report, cases: marker }, null, 2);
  const cases =
    report.cases.length === 0
      ? "[]"
      : `[\n    ${report.cases.map((entry) => JSON.stringify(entry)).join(",\n    ")}\n  ]`;
  return `${head.replace(JSON.stringify(marker), () => cases)}\n`;
}

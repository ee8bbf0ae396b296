import type { ExtractorKind } from "./eval-extractor.js";
import type { EvalReport } from "./report.js";
import { scoredFields } from "./score.js";

export const MATRIX_SCHEMA = "qualbot.eval-matrix/v1";

/** One column of a matrix run: an extractor, and for the LLM a model and a prompt set. */
export interface MatrixColumn {
  /** `offline`, or `<model> × <prompt-set id>@<first 8 of its hash>`. */
  label: string;
  extractor: ExtractorKind;
  model: string | null;
  prompts: { directory: string; id: string; hash: string } | null;
  gates: { passed: boolean; failures: string[] };
  /** The column's full report, as a single run would write it with `--out`. */
  report: EvalReport;
}

export type RowFormat = "percent" | "usd" | "milliseconds" | "count" | "number";

export interface MatrixRow {
  key: string;
  label: string;
  better: "higher" | "lower";
  format: RowFormat;
  /** One value per column, in column order; null when the column has no value for it. */
  values: (number | null)[];
  /** Indexes of the columns holding the row's best value; empty when there is nothing to choose. */
  best: number[];
}

export interface MatrixReport {
  schema: typeof MATRIX_SCHEMA;
  metadata: {
    dataset: EvalReport["metadata"]["dataset"];
    personas: EvalReport["metadata"]["personas"];
    scorecard: EvalReport["metadata"]["scorecard"];
    runNow: string;
    startedAt: string;
    finishedAt: string;
  };
  columns: MatrixColumn[];
  rows: MatrixRow[];
}

export function columnLabel(column: Pick<MatrixColumn, "extractor" | "model" | "prompts">): string {
  if (column.extractor === "offline") return "offline";
  const prompts = column.prompts ? `${column.prompts.id}@${column.prompts.hash.slice(0, 8)}` : "prompts";
  return `${column.model ?? "llm"} × ${prompts}`;
}

interface RowDefinition {
  key: string;
  label: string;
  better: MatrixRow["better"];
  format: RowFormat;
  pick: (report: EvalReport) => number | null | undefined;
}

/** Extraction errors plus conversations that failed (the `--max-errors` gate counts both). */
export function errorCount(report: EvalReport): number {
  return (
    report.summary.runsWithErrors +
    (report.simulation?.conversations.filter((entry) => entry.error).length ?? 0)
  );
}

const datasetRows: RowDefinition[] = [
  { key: "micro.f1", label: "micro F1", better: "higher", format: "percent", pick: (r) => r.micro.f1 },
  // `qualified` is the routing row below.
  ...scoredFields
    .filter((field) => field !== "qualified")
    .map(
      (field): RowDefinition => ({
        key: `fields.${field}.f1`,
        label: `F1 ${field}`,
        better: "higher",
        format: "percent",
        pick: (r) => r.fields[field]?.f1,
      }),
    ),
  {
    key: "routing.accuracy",
    label: "routing accuracy",
    better: "higher",
    format: "percent",
    pick: (r) => r.routing.accuracy,
  },
  {
    key: "micro.hallucinationRate",
    label: "hallucination rate",
    better: "lower",
    format: "percent",
    pick: (r) => r.micro.hallucinationRate,
  },
  {
    key: "summary.passRate",
    label: "cases passed",
    better: "higher",
    format: "percent",
    pick: (r) => r.summary.passRate,
  },
  {
    key: "usage.costUsd",
    label: "cost (USD)",
    better: "lower",
    format: "usd",
    pick: (r) => (r.metadata.dataset ? r.usage.costUsd : null),
  },
  {
    key: "latency.turnP50Ms",
    label: "latency p50 / turn",
    better: "lower",
    format: "milliseconds",
    pick: (r) => r.latency.turnP50Ms,
  },
  {
    key: "latency.turnP95Ms",
    label: "latency p95 / turn",
    better: "lower",
    format: "milliseconds",
    pick: (r) => r.latency.turnP95Ms,
  },
];

const simulationRows: RowDefinition[] = [
  {
    key: "simulation.factsGatheredRate",
    label: "sim facts gathered",
    better: "higher",
    format: "percent",
    pick: (r) => r.simulation?.factsGatheredRate,
  },
  {
    key: "simulation.routing.accuracy",
    label: "sim routing accuracy",
    better: "higher",
    format: "percent",
    pick: (r) => r.simulation?.routing.accuracy,
  },
  {
    key: "simulation.meanTurns",
    label: "sim turns (mean)",
    better: "lower",
    format: "number",
    pick: (r) => r.simulation?.meanTurns,
  },
  {
    key: "simulation.reAsksAfterAnswer",
    label: "sim re-asks after answer",
    better: "lower",
    format: "count",
    pick: (r) => r.simulation?.reAsksAfterAnswer,
  },
];

const errorRow: RowDefinition = {
  key: "errors",
  label: "errors",
  better: "lower",
  format: "count",
  pick: errorCount,
};

/** The columns holding the best value; none when fewer than two columns have one or all tie. */
export function bestColumns(values: readonly (number | null)[], better: MatrixRow["better"]): number[] {
  const present = values.filter((value): value is number => value !== null);
  if (present.length < 2) return [];
  const best = better === "higher" ? Math.max(...present) : Math.min(...present);
  if (present.every((value) => Math.abs(value - best) < 1e-12)) return [];
  return values.flatMap((value, index) => (value !== null && Math.abs(value - best) < 1e-12 ? [index] : []));
}

/** The side-by-side rows, computed from the columns' reports only (so they can be recomputed from `--out`). */
export function matrixRows(reports: readonly EvalReport[]): MatrixRow[] {
  const definitions = [...datasetRows, ...simulationRows, errorRow];
  return definitions.flatMap((definition) => {
    const values = reports.map((report) => definition.pick(report) ?? null);
    if (values.every((value) => value === null)) return [];
    const { pick: _pick, ...row } = definition;
    return [{ ...row, values, best: bestColumns(values, definition.better) }];
  });
}

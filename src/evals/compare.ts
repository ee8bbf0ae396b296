import { z } from "zod";
import { describeIssues } from "./jsonl.js";
import type { EvalReport } from "./report.js";
import { type Outcome, scoredFields } from "./score.js";

/**
 * Tolerances for a regression, as absolute drops (0.02 = two points). `byKey` overrides the
 * default for a field (`budget.amount`), `routing` or `micro`.
 */
export interface Tolerances {
  default: number;
  byKey: Record<string, number>;
}

export const DEFAULT_TOLERANCE = 0.02;

export interface MetricDelta {
  /** Field name, `routing` or `micro`. */
  key: string;
  metric: "f1" | "accuracy" | "hallucinationRate";
  before: number | null;
  after: number | null;
  delta: number | null;
  tolerance: number;
  regression: boolean;
}

export interface CaseDelta {
  id: string;
  trial: number;
  before: boolean;
  after: boolean;
  changed: { slot: string; before: Outcome | null; after: Outcome | null }[];
}

export interface Comparison {
  notes: string[];
  metrics: MetricDelta[];
  /** Cases whose outcomes changed, newly failing first. */
  cases: CaseDelta[];
  regressions: MetricDelta[];
}

const nullableNumber = z.number().nullable();
const MetricsShape = z.looseObject({
  f1: nullableNumber,
  accuracy: nullableNumber,
  hallucinationRate: nullableNumber.optional(),
});

/** The parts of a report that a comparison reads; older or newer reports may carry more. */
export const BaselineReport = z.looseObject({
  schema: z.string(),
  metadata: z.looseObject({ dataset: z.looseObject({ path: z.string(), sha256: z.string() }).nullable() }),
  fields: z.record(z.string(), MetricsShape),
  micro: MetricsShape,
  routing: z.looseObject({ accuracy: nullableNumber }),
  cases: z.array(
    z.looseObject({
      id: z.string(),
      trial: z.number().default(1),
      pass: z.boolean(),
      outcomes: z.record(z.string(), z.enum(["correct", "incorrect", "missing", "spurious", "abstained"])),
    }),
  ),
});
export type BaselineReport = z.infer<typeof BaselineReport>;

export function parseBaseline(
  json: unknown,
): { ok: true; value: BaselineReport } | { ok: false; error: string } {
  const parsed = BaselineReport.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: describeIssues(parsed.error) };
}

function delta(
  key: string,
  metric: MetricDelta["metric"],
  before: number | null | undefined,
  after: number | null | undefined,
  tolerances: Tolerances,
): MetricDelta {
  const tolerance = tolerances.byKey[key] ?? tolerances.default;
  const b = before ?? null;
  const a = after ?? null;
  const change = a !== null && b !== null ? a - b : null;
  // Lower is better for the hallucination rate; higher for everything else.
  const worse =
    change === null
      ? false
      : metric === "hallucinationRate"
        ? change > tolerance + 1e-12
        : -change > tolerance + 1e-12;
  return { key, metric, before: b, after: a, delta: change, tolerance, regression: worse };
}

/**
 * Compare a run with a baseline report: per-field F1 and accuracy, micro F1 and hallucination
 * rate, routing accuracy, and per-case outcome changes. A metric that drops by more than its
 * tolerance is a regression; per-case changes are listed but do not gate on their own.
 */
export function compareReports(
  current: EvalReport,
  baseline: BaselineReport,
  tolerances: Tolerances,
): Comparison {
  const notes: string[] = [];
  const currentDataset = current.metadata.dataset;
  const baselineDataset = baseline.metadata.dataset;
  if (currentDataset && baselineDataset && currentDataset.sha256 !== baselineDataset.sha256)
    notes.push(
      `dataset differs from the baseline's (${baselineDataset.path} sha256 ${baselineDataset.sha256.slice(0, 12)}…): deltas mix dataset and model changes`,
    );
  if (baseline.schema !== current.schema)
    notes.push(`baseline report schema ${baseline.schema}, current ${current.schema}`);

  const metrics: MetricDelta[] = [];
  for (const field of scoredFields) {
    const before = baseline.fields[field];
    const after = current.fields[field];
    if (!before || !after) continue;
    metrics.push(delta(field, "f1", before.f1, after.f1, tolerances));
    metrics.push(delta(field, "accuracy", before.accuracy, after.accuracy, tolerances));
  }
  metrics.push(delta("micro", "f1", baseline.micro.f1, current.micro.f1, tolerances));
  metrics.push(
    delta(
      "micro",
      "hallucinationRate",
      baseline.micro.hallucinationRate,
      current.micro.hallucinationRate,
      tolerances,
    ),
  );
  metrics.push(delta("routing", "accuracy", baseline.routing.accuracy, current.routing.accuracy, tolerances));

  const baselineCases = new Map(baseline.cases.map((entry) => [`${entry.id}#${entry.trial}`, entry]));
  const cases: CaseDelta[] = [];
  for (const entry of current.cases) {
    const before = baselineCases.get(`${entry.id}#${entry.trial}`);
    if (!before) continue;
    const slots = [...new Set([...Object.keys(before.outcomes), ...Object.keys(entry.outcomes)])];
    const changed = slots
      .filter((slot) => before.outcomes[slot] !== entry.outcomes[slot])
      .map((slot) => ({ slot, before: before.outcomes[slot] ?? null, after: entry.outcomes[slot] ?? null }));
    if (changed.length > 0 || before.pass !== entry.pass)
      cases.push({ id: entry.id, trial: entry.trial, before: before.pass, after: entry.pass, changed });
  }
  const matched = current.cases.filter((entry) => baselineCases.has(`${entry.id}#${entry.trial}`)).length;
  if (current.cases.length > matched)
    notes.push(`${current.cases.length - matched} case run(s) not in the baseline`);
  if (baseline.cases.length > matched)
    notes.push(`${baseline.cases.length - matched} baseline case run(s) not in this run`);
  const rank = (entry: CaseDelta) =>
    entry.before && !entry.after ? 0 : !entry.before && entry.after ? 2 : 1;
  cases.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id) || a.trial - b.trial);
  return { notes, metrics, cases, regressions: metrics.filter((entry) => entry.regression) };
}

import type { Comparison } from "./compare.js";
import { milliseconds, percent, signedPoints, usd } from "./format-numbers.js";
import type { EvalReport } from "./report.js";
import type { Metrics } from "./score.js";
import type { ProspectUsage, SimulationReport } from "./simulate.js";

const header = [
  "field",
  "n",
  "correct",
  "incorrect",
  "missing",
  "spurious",
  "abstained",
  "precision",
  "recall",
  "F1",
  "accuracy",
  "halluc.",
];

function row(name: string, metrics: Metrics): string[] {
  return [
    name,
    String(metrics.total),
    String(metrics.correct),
    String(metrics.incorrect),
    String(metrics.missing),
    String(metrics.spurious),
    String(metrics.abstained),
    percent(metrics.precision),
    percent(metrics.recall),
    percent(metrics.f1),
    percent(metrics.accuracy),
    percent(metrics.hallucinationRate),
  ];
}

/** Plain-text table: first column left-aligned, numbers right-aligned. */
export function textTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? "").length)));
  return rows
    .map((cells) =>
      cells
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function fieldRows(fields: Partial<Record<string, Metrics>>, micro: Metrics): string[][] {
  return [
    header,
    ...Object.entries(fields).flatMap(([name, metrics]) => (metrics ? [row(name, metrics)] : [])),
    row("micro (extraction)", micro),
  ];
}

function simulationLines(simulation: SimulationReport): string[] {
  const { routing } = simulation;
  return [
    `Simulation: ${simulation.personas} personas, ${simulation.meanTurns?.toFixed(1) ?? "–"} prospect turns on average`,
    "",
    textTable(fieldRows(simulation.fields, simulation.micro)),
    "",
    `Facts gathered ${percent(simulation.factsGatheredRate)} of those available, ${percent(simulation.factsUnderstoodRate)} of those said;` +
      ` re-asks ${simulation.reAsks} (${simulation.reAsksAfterAnswer} after an answer)`,
    `Routing (qualified): tp ${routing.tp}  fp ${routing.fp}  fn ${routing.fn}  tn ${routing.tn}  accuracy ${percent(routing.accuracy)}`,
    ...(simulation.prospect ? [describeProspect(simulation.prospect)] : []),
  ];
}

export function describeProspect(prospect: ProspectUsage): string {
  if (prospect.kind === "rules") return "Prospect: rules";
  return `Prospect: llm (${prospect.model}), ${prospect.calls} calls, ${prospect.cacheHits} from the cache, tokens ${prospect.promptTokens} in / ${prospect.completionTokens} out, cost ${usd(prospect.costUsd)}`;
}

/** The summary printed after a run (DESIGN §5). */
export function formatSummary(report: EvalReport): string {
  const lines: string[] = [];
  const { summary, routing, latency, usage } = report;
  if (report.metadata.dataset) {
    lines.push(
      `Dataset ${report.metadata.dataset.path}: ${summary.cases} cases × ${report.repeat.k} → ${summary.runs} runs, extractor ${report.metadata.extractor.names.join(", ") || report.metadata.extractor.kind}${report.metadata.model ? ` (${report.metadata.model})` : ""}`,
    );
    lines.push("");
    lines.push(textTable(fieldRows(report.fields, report.micro)));
    lines.push("");
    lines.push(
      `Routing (qualified): tp ${routing.tp}  fp ${routing.fp}  fn ${routing.fn}  tn ${routing.tn}  accuracy ${percent(routing.accuracy)}  precision ${percent(routing.precision)}  recall ${percent(routing.recall)}`,
    );
    lines.push(
      `Cases passed: ${summary.passed}/${summary.runs} (${percent(summary.passRate)})${report.repeat.k > 1 ? `  pass^${report.repeat.k} ${percent(report.repeat.passHatK)}` : ""}${summary.runsWithErrors ? `  runs with extraction errors: ${summary.runsWithErrors}` : ""}`,
    );
    if (report.perTurn)
      lines.push(
        `Per-turn state: ${report.perTurn.checkpoints} checkpoints, micro F1 ${percent(report.perTurn.micro.f1)}, accuracy ${percent(report.perTurn.micro.accuracy)}`,
      );
    lines.push(
      `Latency per case p50 ${milliseconds(latency.caseP50Ms)}, p95 ${milliseconds(latency.caseP95Ms)}; ${latency.casesPerSecond ?? "–"} cases/s` +
        `  tokens ${usage.promptTokens} in / ${usage.completionTokens} out  cost ${usd(usage.costUsd)} (spent ${usd(usage.spentUsd)})` +
        `  cache hits ${usage.cacheHits}/${usage.extractCalls}`,
    );
  }
  if (report.simulation)
    lines.push(...(report.metadata.dataset ? [""] : []), ...simulationLines(report.simulation));
  return lines.join("\n");
}

export function formatComparison(comparison: Comparison, maxCases = 20): string {
  const lines = ["", "Compared with the baseline:"];
  for (const note of comparison.notes) lines.push(`  note: ${note}`);
  const moved = comparison.metrics.filter(
    (entry) => entry.regression || (entry.delta !== null && Math.abs(entry.delta) > 1e-9),
  );
  const rows = [
    ["metric", "baseline", "now", "delta", "tolerance", ""],
    ...moved.map((entry) => [
      `${entry.key} ${entry.metric}`,
      percent(entry.before),
      percent(entry.after),
      signedPoints(entry.delta),
      `${(entry.tolerance * 100).toFixed(1)} pt`,
      entry.regression ? "REGRESSION" : "",
    ]),
  ];
  if (moved.length > 0) lines.push(textTable(rows).replace(/^/gm, "  "));
  const unchanged = comparison.metrics.length - moved.length;
  if (unchanged > 0) lines.push(`  ${unchanged} metric(s) unchanged`);
  const failing = comparison.cases.filter((entry) => entry.before && !entry.after).length;
  const fixed = comparison.cases.filter((entry) => !entry.before && entry.after).length;
  lines.push(
    `  cases changed: ${comparison.cases.length} (${failing} newly failing, ${fixed} newly passing)`,
  );
  for (const entry of comparison.cases.slice(0, maxCases)) {
    const status =
      entry.before === entry.after
        ? entry.after
          ? "pass"
          : "fail"
        : entry.after
          ? "fail → pass"
          : "pass → fail";
    const changes = entry.changed
      .map((change) => `${change.slot} ${change.before ?? "–"} → ${change.after ?? "–"}`)
      .join(", ");
    lines.push(
      `    ${entry.id}${entry.trial > 1 ? `#${entry.trial}` : ""}: ${status}${changes ? `; ${changes}` : ""}`,
    );
  }
  if (comparison.cases.length > maxCases)
    lines.push(`    … ${comparison.cases.length - maxCases} more in the report`);
  lines.push(
    comparison.regressions.length === 0
      ? "  no regression beyond tolerance"
      : `  ${comparison.regressions.length} regression(s) beyond tolerance`,
  );
  return lines.join("\n");
}

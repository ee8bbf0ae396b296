import type { Comparison } from "./compare.js";
import { milliseconds, percent, signedPoints, usd } from "./format-numbers.js";
import type { EvalReport } from "./report.js";
import type { Metrics } from "./score.js";
import { slotValues, wrongSlots } from "./slot-values.js";
import { describeProspect } from "./summary-table.js";

const escapeCell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

const numeric = /^(?:[-+]?[\d.,]+(?: ?%| pt)?|–)$/;

/** Columns whose cells are all numbers are right-aligned. */
function table(rows: string[][]): string {
  const [head, ...body] = rows;
  const alignment = head!.map((_, column) =>
    body.length > 0 && body.every((cells) => numeric.test(cells[column] ?? "")) ? " ---: " : " --- ",
  );
  return [
    `| ${head!.join(" | ")} |`,
    `|${alignment.join("|")}|`,
    ...body.map((cells) => `| ${cells.map(escapeCell).join(" | ")} |`),
  ].join("\n");
}

function metricRow(name: string, metrics: Metrics): string[] {
  return [
    `\`${name}\``,
    String(metrics.total),
    String(metrics.correct),
    String(metrics.incorrect),
    String(metrics.missing),
    String(metrics.spurious),
    percent(metrics.precision),
    percent(metrics.recall),
    percent(metrics.f1),
    percent(metrics.accuracy),
  ];
}

/** Markdown for a pull-request comment: headline, per-field table, routing, failures, baseline deltas. */
export function renderMarkdown(report: EvalReport, comparison?: Comparison, maxFailures = 25): string {
  const { metadata, summary, routing, usage, latency } = report;
  const out: string[] = ["## qualbot eval", ""];
  const extractor = `${metadata.extractor.names.join(", ") || metadata.extractor.kind}${metadata.model ? ` (${metadata.model})` : ""}`;
  if (metadata.dataset) {
    out.push(
      `**${summary.passed}/${summary.runs} case runs passed (${percent(summary.passRate)})** · routing accuracy ${percent(routing.accuracy)} · micro F1 ${percent(report.micro.f1)} · extractor ${extractor} · dataset \`${metadata.dataset.path}\` (\`${metadata.dataset.sha256.slice(0, 12)}\`) · scorecard \`${metadata.scorecard.id}\``,
      "",
    );
    out.push(
      table([
        [
          "field",
          "n",
          "correct",
          "incorrect",
          "missing",
          "spurious",
          "precision",
          "recall",
          "F1",
          "accuracy",
        ],
        ...Object.entries(report.fields).flatMap(([name, metrics]) =>
          metrics ? [metricRow(name, metrics)] : [],
        ),
        metricRow("micro (extraction)", report.micro),
      ]),
      "",
    );
    out.push(
      `Routing: tp ${routing.tp} · fp ${routing.fp} · fn ${routing.fn} · tn ${routing.tn} · precision ${percent(routing.precision)} · recall ${percent(routing.recall)}`,
      "",
      `Latency p50 ${milliseconds(latency.caseP50Ms)} / p95 ${milliseconds(latency.caseP95Ms)} per case · tokens ${usage.promptTokens} in / ${usage.completionTokens} out · cost ${usd(usage.costUsd)} (spent ${usd(usage.spentUsd)}) · cache hits ${usage.cacheHits}/${usage.extractCalls}`,
      "",
    );
    const failures = report.cases.filter((entry) => !entry.pass);
    if (failures.length > 0) {
      out.push(`<details><summary>${failures.length} failing case run(s)</summary>`, "");
      const rows = [["case", "slot", "expected", "predicted", "outcome"]];
      for (const entry of failures.slice(0, maxFailures)) {
        const name = `${entry.id}${report.repeat.k > 1 ? ` #${entry.trial}` : ""}`;
        for (const slot of wrongSlots(entry.outcomes)) {
          const values = slotValues(slot, entry.expected, entry.predicted);
          rows.push([name, slot, values.expected, values.predicted, entry.outcomes[slot]!]);
        }
        for (const error of entry.errors) rows.push([name, "error", "", error, "error"]);
      }
      out.push(table(rows), "");
      if (failures.length > maxFailures)
        out.push(`… and ${failures.length - maxFailures} more in the JSON report.`, "");
      out.push("</details>", "");
    }
  }
  if (report.simulation) {
    const simulation = report.simulation;
    out.push(
      "### Simulated conversations",
      "",
      `${simulation.personas} personas · ${simulation.meanTurns?.toFixed(1) ?? "–"} prospect turns on average · facts gathered ${percent(simulation.factsGatheredRate)} of those available, ${percent(simulation.factsUnderstoodRate)} of those said · re-asks ${simulation.reAsks} (${simulation.reAsksAfterAnswer} after an answer) · routing accuracy ${percent(simulation.routing.accuracy)}`,
      "",
      ...(simulation.prospect ? [describeProspect(simulation.prospect), ""] : []),
    );
  }
  if (comparison) {
    out.push("### Compared with the baseline", "");
    for (const note of comparison.notes) out.push(`> ${note}`, "");
    // Unchanged metrics are noise in a PR comment: show what moved, and every regression.
    const moved = comparison.metrics.filter(
      (entry) => entry.regression || (entry.delta !== null && Math.abs(entry.delta) > 1e-9),
    );
    if (moved.length === 0) out.push("No metric changed.", "");
    else
      out.push(
        table([
          ["metric", "baseline", "now", "delta", "gate"],
          ...moved.map((entry) => [
            `${entry.key} ${entry.metric}`,
            percent(entry.before),
            percent(entry.after),
            signedPoints(entry.delta),
            entry.regression ? "❌ regression" : "ok",
          ]),
        ]),
        "",
      );
    const failing = comparison.cases
      .filter((entry) => entry.before && !entry.after)
      .map((entry) => `\`${entry.id}\``);
    const fixed = comparison.cases
      .filter((entry) => !entry.before && entry.after)
      .map((entry) => `\`${entry.id}\``);
    if (failing.length > 0) out.push(`Newly failing: ${failing.join(", ")}`, "");
    if (fixed.length > 0) out.push(`Newly passing: ${fixed.join(", ")}`, "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

import { basename } from "node:path";
import { milliseconds, percent, usd } from "./format-numbers.js";
import type { MatrixColumn, MatrixReport, MatrixRow, RowFormat } from "./matrix.js";
import { textTable } from "./summary-table.js";

/** Marks the best value of a row in the terminal table. */
export const BEST_MARK = "*";

export function formatMatrixValue(value: number | null, format: RowFormat): string {
  if (value === null) return "–";
  if (format === "percent") return percent(value);
  if (format === "usd") return usd(value);
  if (format === "milliseconds") return milliseconds(value);
  if (format === "count") return String(value);
  return value.toFixed(1);
}

function cells(row: MatrixRow, mark: (text: string) => string): string[] {
  return row.values.map((value, index) => {
    const text = formatMatrixValue(value, row.format);
    return row.best.includes(index) ? mark(text) : text;
  });
}

function cacheCell(column: MatrixColumn): string {
  const { usage } = column.report;
  return column.report.metadata.dataset ? `${usage.cacheHits}/${usage.extractCalls}` : "–";
}

/** A short name for a prompt set in the terminal: its directory's name and hash; the legend has the rest. */
const promptAlias = (prompts: NonNullable<MatrixColumn["prompts"]>) =>
  `${basename(prompts.directory)}@${prompts.hash.slice(0, 8)}`;

/**
 * Terminal table: one column per run, the model on the first header line and the prompt set
 * (directory name @ hash) on the second, so four columns still fit a wide terminal.
 */
export function formatMatrixTable(matrix: MatrixReport): string {
  const { columns } = matrix;
  const rows = [
    [
      "metric",
      ...columns.map((column) => (column.extractor === "offline" ? "offline" : (column.model ?? "llm"))),
    ],
    ["", ...columns.map((column) => (column.prompts ? promptAlias(column.prompts) : ""))],
    ...matrix.rows.map((row) => [row.label, ...cells(row, (text) => `${text} ${BEST_MARK}`)]),
    ["cache hits", ...columns.map(cacheCell)],
    ["gates", ...columns.map((column) => (column.gates.passed ? "pass" : "FAIL"))],
  ];
  // Unmarked cells get two spaces so marked and unmarked numbers stay aligned.
  const aligned = rows.map((row, index) =>
    index < 2
      ? row
      : row.map((cell, column) => (column === 0 || cell.endsWith(BEST_MARK) ? cell : `${cell}  `)),
  );
  const promptSets = new Map(
    columns.flatMap((column) =>
      column.prompts ? [[column.prompts.directory, column.prompts] as const] : [],
    ),
  );
  const lines = [
    `Matrix: ${columns.length} columns${matrix.metadata.dataset ? `, dataset ${matrix.metadata.dataset.path} (${matrix.metadata.dataset.cases} cases)` : ""}${matrix.metadata.personas ? `, personas ${matrix.metadata.personas.path}` : ""}`,
    "",
    textTable(aligned),
    "",
    `${BEST_MARK} best in its row (no mark: a tie across all columns).`,
    ...(promptSets.size > 0 ? ["Prompt sets:"] : []),
    ...[...promptSets.values()].map(
      (prompts) => `  ${promptAlias(prompts)}  ${prompts.id}  ${prompts.directory}`,
    ),
  ];
  for (const column of columns.filter((entry) => !entry.gates.passed))
    lines.push(`Gate failed for ${column.label}:`, ...column.gates.failures.map((failure) => `  ${failure}`));
  return lines.join("\n");
}

const escapeCell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** Markdown for a pull-request comment: the same table, best values in bold. */
export function renderMatrixMarkdown(matrix: MatrixReport): string {
  const { columns } = matrix;
  const head = ["metric", ...columns.map((column) => `\`${column.label}\``)];
  const rows = [
    ...matrix.rows.map((row) => [row.label, ...cells(row, (text) => `**${text}**`)]),
    ["cache hits", ...columns.map(cacheCell)],
    ["gates", ...columns.map((column) => (column.gates.passed ? "✅ pass" : "❌ fail"))],
  ];
  const out = [
    "## qualbot eval — matrix",
    "",
    matrix.metadata.dataset
      ? `Dataset \`${matrix.metadata.dataset.path}\` (\`${matrix.metadata.dataset.sha256.slice(0, 12)}\`, ${matrix.metadata.dataset.cases} cases) · scorecard \`${matrix.metadata.scorecard.id}\` · best value per row in **bold**`
      : `Personas \`${matrix.metadata.personas?.path ?? ""}\` · scorecard \`${matrix.metadata.scorecard.id}\` · best value per row in **bold**`,
    "",
    `| ${head.map(escapeCell).join(" | ")} |`,
    `| --- |${columns.map(() => " ---: |").join("")}`,
    ...rows.map((cellsOfRow) => `| ${cellsOfRow.map(escapeCell).join(" | ")} |`),
    "",
  ];
  const failing = columns.filter((column) => !column.gates.passed);
  if (failing.length > 0) {
    out.push("### Gate failures", "");
    for (const column of failing)
      out.push(`- \`${column.label}\`: ${column.gates.failures.map(escapeCell).join("; ")}`);
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

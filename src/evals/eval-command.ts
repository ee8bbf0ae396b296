import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "../config/env.js";
import { loadScorecard } from "../config/scorecard-file.js";
import type { Scorecard } from "../core/scorecard.js";
import type { LlmClient } from "../llm/llm-client.js";
import { loadReplyTemplates } from "../replies/load-templates.js";
import { withResponseCache } from "./cached-extractor.js";
import { type BaselineReport, type Comparison, compareReports, parseBaseline } from "./compare.js";
import { type EvalCase, parseDataset, readTextFile } from "./dataset.js";
import { type EvalOptions, evalUsage, parseEvalArgs } from "./eval-args.js";
import {
  createEvalExtractor,
  type EvalExtractor,
  type EvalExtractorResult,
  type ExtractorKind,
  type LlmVariant,
} from "./eval-extractor.js";
import { createInMemoryDriver } from "./in-memory-driver.js";
import type { LineError } from "./jsonl.js";
import { createLlmProspects } from "./llm-prospect.js";
import { columnLabel, MATRIX_SCHEMA, type MatrixColumn, type MatrixReport, matrixRows } from "./matrix.js";
import { formatMatrixTable, renderMatrixMarkdown } from "./matrix-table.js";
import { type Persona, parsePersonas } from "./persona.js";
import { createProgress } from "./progress.js";
import { buildReport, type EvalReport, serializeReport } from "./report.js";
import { renderJunit } from "./report-junit.js";
import { renderMarkdown } from "./report-markdown.js";
import { openFileCache, type ResponseCache } from "./response-cache.js";
import { runEval } from "./run-eval.js";
import { type SimulationReport, simulate } from "./simulate.js";
import { formatComparison, formatSummary } from "./summary-table.js";

export interface EvalIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

/** Seams for tests and the benchmark; the command builds the real ones by default. */
export interface EvalCommandOverrides {
  createExtractor?: (
    kind: ExtractorKind,
    env: Record<string, string | undefined>,
    variant: LlmVariant,
  ) => Promise<EvalExtractorResult>;
  now?: () => Date;
}

export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_USAGE = 2;

class InputError extends Error {
  readonly code = "EVAL_INPUT";
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function qualbotVersion(): string {
  try {
    const file = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "package.json");
    return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}

function reportLineErrors(io: EvalIo, path: string, errors: LineError[], skipping: boolean): void {
  for (const error of errors) io.stderr.write(`${path}:${error.line}: ${error.reason}\n`);
  if (errors.length > 0)
    io.stderr.write(
      skipping
        ? `${errors.length} invalid line(s) in ${path} skipped (--skip-invalid)\n`
        : `${errors.length} invalid line(s) in ${path}; fix them or pass --skip-invalid\n`,
    );
}

async function readInput<T>(
  io: EvalIo,
  path: string,
  what: string,
  options: EvalOptions,
  parse: (text: string) => { items: T[]; errors: LineError[] },
): Promise<{ items: T[]; sha256: string; errors: LineError[] }> {
  const text = await readTextFile(path, what);
  if (!text.ok) throw new InputError(text.error);
  const { items, errors } = parse(text.value);
  reportLineErrors(io, path, errors, options.skipInvalid);
  if (errors.length > 0 && !options.skipInvalid) throw new InputError(`${path} has invalid lines`);
  if (items.length === 0)
    throw new InputError(`${path} has no valid ${what === "personas file" ? "personas" : "cases"}`);
  return { items: options.limit ? items.slice(0, options.limit) : items, sha256: sha256(text.value), errors };
}

async function readBaseline(path: string): Promise<BaselineReport> {
  const text = await readTextFile(path, "baseline report");
  if (!text.ok) throw new InputError(text.error);
  let json: unknown;
  try {
    json = JSON.parse(text.value);
  } catch (error) {
    throw new InputError(`baseline ${path} is not JSON (${(error as Error).message})`);
  }
  const parsed = parseBaseline(json);
  if (!parsed.ok) throw new InputError(`baseline ${path} is not an eval report: ${parsed.error}`);
  return parsed.value;
}

function scorecardFor(
  options: EvalOptions,
  env: Record<string, string | undefined>,
): { card: Scorecard; path: string | null } {
  const path = options.scorecard ?? (env.SCORECARD_PATH?.trim() || undefined);
  try {
    return { card: loadScorecard(path), path: path ?? null };
  } catch (error) {
    if (error instanceof ConfigError)
      throw new InputError(
        error.message.replace("SCORECARD_PATH", options.scorecard ? "--scorecard" : "SCORECARD_PATH"),
      );
    throw error;
  }
}

/** Absolute gates and the baseline comparison; each failure is one line saying what and by how much. */
function gateFailures(
  report: EvalReport,
  options: EvalOptions,
  comparison: Comparison | undefined,
): string[] {
  const failures: string[] = [];
  const below = (value: number | null, minimum: number | undefined, name: string) => {
    if (minimum !== undefined && (value === null || value < minimum))
      failures.push(`${name} ${value?.toFixed(4) ?? "n/a"} < ${minimum}`);
  };
  if (report.metadata.dataset) {
    below(report.micro.f1, options.minMicroF1, "micro F1");
    below(report.routing.accuracy, options.minRoutingAccuracy, "routing accuracy");
    const rate = report.micro.hallucinationRate;
    if (options.maxHallucinationRate !== undefined && rate !== null && rate > options.maxHallucinationRate)
      failures.push(`hallucination rate ${rate.toFixed(4)} > ${options.maxHallucinationRate}`);
  }
  const errors =
    report.summary.runsWithErrors +
    (report.simulation?.conversations.filter((entry) => entry.error).length ?? 0);
  if (errors > options.maxErrors)
    failures.push(`${errors} run(s) with extraction errors > --max-errors ${options.maxErrors}`);
  for (const regression of comparison?.regressions ?? [])
    failures.push(
      `${regression.key} ${regression.metric} regressed ${regression.before?.toFixed(4)} → ${regression.after?.toFixed(4)} (tolerance ${regression.tolerance})`,
    );
  return failures;
}

async function openCache(path: string): Promise<ResponseCache> {
  try {
    return await openFileCache(path);
  } catch (error) {
    throw new InputError(`cannot open the response cache ${path}: ${(error as Error).message}`);
  }
}

async function writeOutput(path: string, content: string): Promise<void> {
  try {
    await mkdir(dirname(resolve(path)), { recursive: true });
    await writeFile(path, content);
  } catch (error) {
    throw new InputError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

interface Inputs {
  runNow: Date;
  scorecard: { card: Scorecard; path: string | null };
  dataset: { items: EvalCase[]; sha256: string; errors: LineError[] } | null;
  personas: { items: Persona[]; sha256: string; errors: LineError[] } | null;
  baseline?: BaselineReport;
  /** The one response cache file, opened on first use and shared by every column and the prospect. */
  cache: () => Promise<ResponseCache>;
  prospect?: LlmProspectSetup;
}

interface LlmProspectSetup {
  client: LlmClient;
  identity: Record<string, unknown>;
  cached: boolean;
}

interface ColumnSpec {
  kind: ExtractorKind;
  variant: LlmVariant;
}

interface ColumnRun {
  choice: EvalExtractor;
  report: EvalReport;
  comparison?: Comparison;
  failures: string[];
}

/** Every extractor × model × prompt combination asked for, model by model. */
function columnSpecs(options: EvalOptions): ColumnSpec[] {
  return options.extractors.flatMap((kind): ColumnSpec[] => {
    if (kind === "offline") return [{ kind, variant: {} }];
    const models = options.models.length > 0 ? options.models : [undefined];
    const prompts = options.prompts.length > 0 ? options.prompts : [undefined];
    return models.flatMap((model) =>
      prompts.map((promptsDirectory) => ({ kind, variant: { model, promptsDirectory } })),
    );
  });
}

/** The LLM that plays the prospect (`--prospect llm`): the openai adapter with retries, like the brain. */
async function prospectSetup(
  options: EvalOptions,
  env: Record<string, string | undefined>,
): Promise<LlmProspectSetup | undefined> {
  if (options.prospect !== "llm") return undefined;
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new InputError(error.message);
    throw error;
  }
  if (!config.openai)
    throw new InputError(
      "--prospect llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for a local OpenAI-compatible server)",
    );
  const { createOpenAiClient, withRetries } = await import("../llm/index.js");
  const model = options.prospectModel ?? config.openai.model;
  return {
    client: withRetries(
      createOpenAiClient({ apiKey: config.openai.apiKey, baseURL: config.openai.baseUrl, model }),
    ),
    identity: { model, baseUrl: config.openai.baseUrl ?? null },
    cached: options.cache ?? true,
  };
}

async function loadInputs(
  options: EvalOptions,
  io: EvalIo,
  overrides: EvalCommandOverrides,
): Promise<Inputs> {
  const runNow = options.now ?? overrides.now?.() ?? new Date();
  const scorecard = scorecardFor(options, io.env);
  const dataset = options.dataset
    ? await readInput<EvalCase>(io, options.dataset, "dataset", options, (text) => {
        const parsed = parseDataset(text);
        return { items: parsed.cases, errors: parsed.errors };
      })
    : null;
  const personas = options.simulate
    ? await readInput<Persona>(io, options.simulate, "personas file", options, (text) => {
        const parsed = parsePersonas(text);
        return { items: parsed.personas, errors: parsed.errors };
      })
    : null;
  const baseline = options.baseline ? await readBaseline(options.baseline) : undefined;
  let opened: Promise<ResponseCache> | undefined;
  return {
    runNow,
    scorecard,
    dataset,
    personas,
    baseline,
    cache: () => {
      opened ??= openCache(options.cacheFile);
      return opened;
    },
    prospect: personas ? await prospectSetup(options, io.env) : undefined,
  };
}

async function runColumn(
  spec: ColumnSpec,
  choice: EvalExtractor,
  inputs: Inputs,
  options: EvalOptions,
  io: EvalIo,
  label: string,
): Promise<ColumnRun> {
  const { runNow, scorecard, dataset, personas } = inputs;
  const cacheEnabled = options.cache ?? choice.cacheByDefault;
  const cache = cacheEnabled ? await inputs.cache() : undefined;
  const concurrency = options.concurrency ?? (spec.kind === "llm" ? 4 : 1);

  const startedAt = new Date();
  const progress = createProgress(io.stderr, io.isTTY, label);
  const evalRun = dataset
    ? await runEval({
        cases: dataset.items,
        extractor: choice.extractor,
        scorecard: scorecard.card,
        runNow,
        repeat: options.repeat,
        concurrency,
        cache,
        cacheIdentity: choice.identity,
        onCaseDone: (done, total) => progress.update(done, total),
      })
    : { runs: [], wallMs: 0 };
  progress.finish();

  let simulation: SimulationReport | undefined;
  if (personas) {
    const extractor = cache
      ? withResponseCache(choice.extractor, { cache, identity: choice.identity, floatingNow: runNow })
      : choice.extractor;
    const prospects = inputs.prospect
      ? createLlmProspects({
          client: inputs.prospect.client,
          identity: inputs.prospect.identity,
          cache: inputs.prospect.cached ? await inputs.cache() : undefined,
        })
      : undefined;
    const simulationProgress = createProgress(io.stderr, io.isTTY, `simulate ${label}`);
    simulation = await simulate(personas.items, {
      driver: createInMemoryDriver({ extractor, scorecard: scorecard.card, templates: loadReplyTemplates() }),
      runNow,
      maxTurns: options.maxTurns,
      concurrency,
      createProspect: prospects?.createProspect,
      onPersonaDone: (done, total) => simulationProgress.update(done, total),
    });
    simulationProgress.finish();
    if (prospects) simulation.prospect = prospects.usage();
  }

  const report = buildReport({
    cases: dataset?.items ?? [],
    runs: evalRun.runs,
    wallMs: evalRun.wallMs,
    simulation,
    metadata: {
      extractorKind: spec.kind,
      dataset: dataset
        ? {
            path: options.dataset!,
            sha256: dataset.sha256,
            cases: dataset.items.length,
            skippedLines: dataset.errors.map((error) => error.line),
          }
        : null,
      personas: personas
        ? { path: options.simulate!, sha256: personas.sha256, personas: personas.items.length }
        : null,
      scorecard: { id: scorecard.card.id, path: scorecard.path },
      runNow: runNow.toISOString(),
      repeat: options.repeat,
      concurrency,
      cache: { enabled: cacheEnabled, path: cacheEnabled ? options.cacheFile : null },
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      qualbotVersion: qualbotVersion(),
      node: process.version,
    },
  });
  const comparison =
    inputs.baseline && dataset ? compareReports(report, inputs.baseline, options.tolerances) : undefined;
  return { choice, report, comparison, failures: gateFailures(report, options, comparison) };
}

async function executeSingle(column: ColumnRun, options: EvalOptions, io: EvalIo): Promise<number> {
  const { report, comparison, failures } = column;
  const json = serializeReport(report);
  if (options.out) await writeOutput(options.out, json);
  if (options.markdown) await writeOutput(options.markdown, renderMarkdown(report, comparison));
  if (options.junit) await writeOutput(options.junit, renderJunit(report));

  const summaryStream = options.format === "table" ? io.stdout : io.stderr;
  let summary = formatSummary(report);
  if (comparison) summary += `\n${formatComparison(comparison)}`;
  summary +=
    failures.length === 0
      ? "\n\nAll gates passed."
      : `\n\nGate failed:\n${failures.map((line) => `  ${line}`).join("\n")}`;
  summaryStream.write(`${summary}\n`);
  if (options.format === "json") io.stdout.write(json);
  if (options.format === "md") io.stdout.write(renderMarkdown(report, comparison));
  if (options.format === "junit") io.stdout.write(renderJunit(report));
  return failures.length === 0 ? EXIT_OK : EXIT_GATE_FAILED;
}

async function executeMatrix(
  columns: MatrixColumn[],
  inputs: Inputs,
  options: EvalOptions,
  io: EvalIo,
  startedAt: Date,
): Promise<number> {
  const first = columns[0]!.report.metadata;
  const matrix: MatrixReport = {
    schema: MATRIX_SCHEMA,
    metadata: {
      dataset: first.dataset,
      personas: first.personas,
      scorecard: first.scorecard,
      runNow: inputs.runNow.toISOString(),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
    },
    columns,
    rows: matrixRows(columns.map((column) => column.report)),
  };
  const json = `${JSON.stringify(matrix, null, 2)}\n`;
  if (options.out) await writeOutput(options.out, json);
  if (options.markdown) await writeOutput(options.markdown, renderMatrixMarkdown(matrix));
  const failed = columns.filter((column) => !column.gates.passed).length;
  const summaryStream = options.format === "table" ? io.stdout : io.stderr;
  summaryStream.write(
    `${formatMatrixTable(matrix)}\n\n${failed === 0 ? "All gates passed." : `Gate failed in ${failed} of ${columns.length} columns.`}\n`,
  );
  if (options.format === "json") io.stdout.write(json);
  if (options.format === "md") io.stdout.write(renderMatrixMarkdown(matrix));
  return failed === 0 ? EXIT_OK : EXIT_GATE_FAILED;
}

async function execute(options: EvalOptions, io: EvalIo, overrides: EvalCommandOverrides): Promise<number> {
  const specs = columnSpecs(options);
  if (specs.length > 1 && (options.junit || options.format === "junit"))
    throw new InputError("JUnit output is for a single run; a matrix run writes --out JSON and --md");
  const startedAt = new Date();
  const inputs = await loadInputs(options, io, overrides);
  // Every column's extractor first: a bad model setting or prompt directory stops the run before any call.
  const choices: EvalExtractor[] = [];
  for (const spec of specs) {
    const choice = await (overrides.createExtractor ?? createEvalExtractor)(spec.kind, io.env, spec.variant);
    if (!choice.ok) throw new InputError(choice.error);
    choices.push(choice.value);
  }
  const columns: MatrixColumn[] = [];
  const runs: ColumnRun[] = [];
  for (const [index, spec] of specs.entries()) {
    const choice = choices[index]!;
    const identity = {
      extractor: spec.kind,
      model: spec.kind === "llm" ? (choice.model ?? spec.variant.model ?? null) : null,
      prompts: spec.kind === "llm" ? (choice.prompts ?? null) : null,
    };
    const label = columnLabel(identity);
    const run = await runColumn(spec, choice, inputs, options, io, specs.length > 1 ? label : "eval");
    runs.push(run);
    columns.push({
      ...identity,
      label,
      gates: { passed: run.failures.length === 0, failures: run.failures },
      report: run.report,
    });
  }
  if (specs.length === 1) return executeSingle(runs[0]!, options, io);
  return executeMatrix(columns, inputs, options, io, startedAt);
}

/** `qualbot eval` (DESIGN §5). Returns the exit code; never throws for bad input. */
export async function runEvalCommand(
  argv: string[],
  io: EvalIo,
  overrides: EvalCommandOverrides = {},
): Promise<number> {
  const parsed = parseEvalArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`qualbot eval: ${parsed.error}\nRun "qualbot eval --help" for the options.\n`);
    return EXIT_USAGE;
  }
  if ("help" in parsed) {
    io.stdout.write(`${evalUsage}\n`);
    return EXIT_OK;
  }
  try {
    return await execute(parsed.value, io, overrides);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr.write(`qualbot eval: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

import { parseArgs } from "node:util";
import { DEFAULT_TOLERANCE, type Tolerances } from "./compare.js";
import type { ExtractorKind } from "./eval-extractor.js";
import { DEFAULT_CACHE_FILE } from "./response-cache.js";
import { DEFAULT_MAX_TURNS } from "./simulate.js";

export const evalUsage = `Usage: qualbot eval --dataset FILE.jsonl [options]
       qualbot eval --simulate PERSONAS.jsonl [options]
       qualbot eval --dataset FILE.jsonl --extractor offline,llm --models M1,M2 --prompts DIR1,DIR2

Replays each case through the extractor, evidence check, merge and scorecard, scores the
result against the case's "expected" state, and prints a per-field summary.

Input
  --dataset FILE          eval cases (DESIGN §3 JSONL)
  --simulate FILE         personas: simulated multi-turn conversations with the bot
  --extractor KIND        offline (default) or llm (needs OPENAI_API_KEY, OPENAI_BASE_URL);
                          offline,llm runs both side by side
  --scorecard FILE        scorecard JSON (default: SCORECARD_PATH or the built-in card)
  --now ISO-8601          "now" for cases without their own (default: the run's time)
  --skip-invalid          run the valid cases even if some lines are invalid
  --limit N               only the first N cases / personas

Output
  --out FILE              write the JSON report
  --md FILE               write a Markdown summary (for pull-request comments)
  --junit FILE            write JUnit XML (one testcase per case run)
  --format FORMAT         what stdout gets: table (default), json, md or junit;
                          with json/md/junit the summary table goes to stderr

Gates (exit code 1 when one fails)
  --baseline FILE         compare with an earlier JSON report
  --tolerance X           allowed drop in F1/accuracy per field, micro F1 and routing
                          accuracy (default ${DEFAULT_TOLERANCE}); repeat as KEY=X for one key,
                          e.g. --tolerance budget.amount=0.05 --tolerance routing=0
  --min-micro-f1 X        fail below this micro F1 (0..1)
  --min-routing-accuracy X
  --max-hallucination-rate X
  --max-errors N          extraction errors allowed (default 0)

Matrix (side-by-side table; more than one column = a matrix run)
  --models LIST           comma-separated models for llm (default QUALBOT_MODEL)
  --prompts LIST          comma-separated prompt directories, each with system.md,
                          extraction.md and reply.md (default the repository's prompts/)
                          Every extractor × model × prompt combination is one column; --out
                          writes every column's full report, --md the table in Markdown.
                          Gates apply to every column.

Simulated prospect (--simulate)
  --prospect KIND         rules (default): answers with the persona's fact sentences;
                          llm: a model plays the persona (needs OPENAI_API_KEY)
  --prospect-model NAME   model for --prospect llm (default QUALBOT_MODEL)

LLM runs
  --repeat K              run each case K times; reports pass^K (default 1)
  --concurrency N         cases in flight (default 1 offline, 4 llm)
  --cache / --no-cache    reuse answers for unchanged (model, prompt, input) — default on for llm
  --cache-file FILE       default ${DEFAULT_CACHE_FILE}
  --max-turns N           prospect turns per simulated conversation (default ${DEFAULT_MAX_TURNS})

Exit codes: 0 all gates passed, 1 a gate failed, 2 bad usage or invalid input.`;

export type OutputFormat = "table" | "json" | "md" | "junit";

export interface EvalOptions {
  dataset?: string;
  simulate?: string;
  extractor: ExtractorKind;
  scorecard?: string;
  now?: Date;
  skipInvalid: boolean;
  limit?: number;
  out?: string;
  markdown?: string;
  junit?: string;
  format: OutputFormat;
  baseline?: string;
  tolerances: Tolerances;
  minMicroF1?: number;
  minRoutingAccuracy?: number;
  maxHallucinationRate?: number;
  maxErrors: number;
  repeat: number;
  concurrency?: number;
  cache?: boolean;
  cacheFile: string;
  maxTurns: number;
  /** Extractors to run, in order; `extractor` is the first. */
  extractors: ExtractorKind[];
  /** Models for llm columns; empty: QUALBOT_MODEL. */
  models: string[];
  /** Prompt directories for llm columns; empty: the repository's prompts/. */
  prompts: string[];
  prospect: ProspectKind;
  prospectModel?: string;
}

export type ProspectKind = "rules" | "llm";

export type ParsedEvalArgs =
  | { ok: true; value: EvalOptions }
  | { ok: true; help: true }
  | { ok: false; error: string };

const toleranceKeys =
  /^(micro|routing|budget\.status|budget\.amount|authority\.status|seniority|need\.status|timeline\.status|disqualifiers|qualified)$/;

function fraction(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1 || text.trim() === "")
    throw new Error(`--${name} must be a number from 0 to 1 (got "${text}")`);
  return value;
}

function count(name: string, text: string | undefined, minimum: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < minimum)
    throw new Error(`--${name} must be a whole number ≥ ${minimum} (got "${text}")`);
  return Number(text);
}

function tolerances(entries: string[]): Tolerances {
  const result: Tolerances = { default: DEFAULT_TOLERANCE, byKey: {} };
  for (const entry of entries) {
    const [key, value] = entry.includes("=") ? entry.split("=", 2) : [undefined, entry];
    const parsed = fraction("tolerance", value);
    if (key === undefined) result.default = parsed!;
    else if (!toleranceKeys.test(key))
      throw new Error(`--tolerance: unknown key "${key}" (a scored field, micro or routing)`);
    else result.byKey[key] = parsed!;
  }
  return result;
}

/** A comma-separated option: trimmed, duplicates dropped, empty entries rejected. */
function list(name: string, text: string | undefined): string[] {
  if (text === undefined) return [];
  const entries = text.split(",").map((entry) => entry.trim());
  if (entries.some((entry) => entry === ""))
    throw new Error(`--${name} must be a comma-separated list without empty entries (got "${text}")`);
  return [...new Set(entries)];
}

function readFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    allowNegative: true,
    options: {
      dataset: { type: "string" },
      simulate: { type: "string" },
      extractor: { type: "string", default: "offline" },
      scorecard: { type: "string" },
      now: { type: "string" },
      "skip-invalid": { type: "boolean", default: false },
      limit: { type: "string" },
      out: { type: "string" },
      md: { type: "string" },
      junit: { type: "string" },
      format: { type: "string", default: "table" },
      baseline: { type: "string" },
      tolerance: { type: "string", multiple: true, default: [] },
      "min-micro-f1": { type: "string" },
      "min-routing-accuracy": { type: "string" },
      "max-hallucination-rate": { type: "string" },
      "max-errors": { type: "string", default: "0" },
      repeat: { type: "string", default: "1" },
      concurrency: { type: "string" },
      cache: { type: "boolean" },
      "cache-file": { type: "string", default: DEFAULT_CACHE_FILE },
      "max-turns": { type: "string", default: String(DEFAULT_MAX_TURNS) },
      models: { type: "string" },
      prompts: { type: "string" },
      prospect: { type: "string", default: "rules" },
      "prospect-model": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  }).values;
}

export function parseEvalArgs(argv: string[]): ParsedEvalArgs {
  let values: ReturnType<typeof readFlags>;
  try {
    values = readFlags(argv);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  if (values.help) return { ok: true, help: true };
  try {
    if (!values.dataset && !values.simulate)
      throw new Error("--dataset FILE.jsonl (or --simulate PERSONAS.jsonl) is required");
    const extractors = list("extractor", values.extractor);
    for (const kind of extractors)
      if (kind !== "offline" && kind !== "llm")
        throw new Error(
          `--extractor must be offline or llm, or both as offline,llm (got "${values.extractor}")`,
        );
    const models = list("models", values.models);
    const prompts = list("prompts", values.prompts);
    if ((models.length > 0 || prompts.length > 0) && !extractors.includes("llm"))
      throw new Error("--models and --prompts need --extractor llm (or offline,llm)");
    if (values.prospect !== "rules" && values.prospect !== "llm")
      throw new Error(`--prospect must be rules or llm (got "${values.prospect}")`);
    if (values.prospect === "llm" && !values.simulate)
      throw new Error("--prospect llm plays the personas of --simulate PERSONAS.jsonl");
    if (values["prospect-model"] !== undefined && values.prospect !== "llm")
      throw new Error("--prospect-model needs --prospect llm");
    if (!["table", "json", "md", "junit"].includes(values.format!))
      throw new Error(`--format must be table, json, md or junit (got "${values.format}")`);
    let now: Date | undefined;
    if (values.now !== undefined) {
      now = new Date(values.now);
      if (!/^\d{4}-\d{2}-\d{2}/.test(values.now) || Number.isNaN(now.getTime()))
        throw new Error(
          `--now must be an ISO-8601 date-time, e.g. 2026-11-23T10:00:00Z (got "${values.now}")`,
        );
    }
    return {
      ok: true,
      value: {
        dataset: values.dataset,
        simulate: values.simulate,
        extractor: extractors[0] as ExtractorKind,
        extractors: extractors as ExtractorKind[],
        models,
        prompts,
        prospect: values.prospect,
        prospectModel: values["prospect-model"],
        scorecard: values.scorecard,
        now,
        skipInvalid: values["skip-invalid"]!,
        limit: count("limit", values.limit, 1),
        out: values.out,
        markdown: values.md,
        junit: values.junit,
        format: values.format as OutputFormat,
        baseline: values.baseline,
        tolerances: tolerances(values.tolerance!),
        minMicroF1: fraction("min-micro-f1", values["min-micro-f1"]),
        minRoutingAccuracy: fraction("min-routing-accuracy", values["min-routing-accuracy"]),
        maxHallucinationRate: fraction("max-hallucination-rate", values["max-hallucination-rate"]),
        maxErrors: count("max-errors", values["max-errors"], 0)!,
        repeat: count("repeat", values.repeat, 1)!,
        concurrency: count("concurrency", values.concurrency, 1),
        cache: values.cache,
        cacheFile: values["cache-file"]!,
        maxTurns: count("max-turns", values["max-turns"], 1)!,
      },
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

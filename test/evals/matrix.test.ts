import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runEvalCommand } from "../../src/evals/eval-command.js";
import { createEvalExtractor, type EvalExtractorResult } from "../../src/evals/eval-extractor.js";
import type { MatrixReport } from "../../src/evals/matrix.js";
import { BEST_MARK, formatMatrixValue } from "../../src/evals/matrix-table.js";
import { aggregate, routingConfusion } from "../../src/evals/score.js";
import { percentile } from "../../src/evals/statistics.js";
import { loadTurnPrompts } from "../../src/llm/prompts.js";
import type { ModelSignal } from "../../src/llm/turn-schema.js";
import {
  type FakeOpenAiServer,
  fakeReply,
  type RecordedRequest,
  type ScriptedReply,
  startFakeOpenAiServer,
} from "../fakes/openai-server.js";
import { modelSignal } from "../llm/fixtures.js";
import { createKeywordExtractor, fixtureRules } from "./keyword-extractor.js";

const fixtures = fileURLToPath(new URL("../fixtures/evals/", import.meta.url));
const dataset = join(fixtures, "matrix-tiny.jsonl");
const promptsA = join(fixtures, "prompts-a");
const promptsB = join(fixtures, "prompts-b");
const directory = mkdtempSync(join(tmpdir(), "qualbot-matrix-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const signal = (field: ModelSignal["field"], value: ModelSignal["value"], quote: string) =>
  modelSignal({ field, value, quote });

/**
 * A fake model whose quality depends on the model name and the prompt set: gpt-4o-mini with
 * prompt A never reports a need; everyone else does. The answer is computed from the request,
 * so it does not depend on the order the columns run in.
 */
function modelAnswer(request: RecordedRequest): ScriptedReply {
  const messages = request.body.messages ?? [];
  const styleA = (messages[0]?.content ?? "").includes("style A");
  const message =
    (JSON.parse(messages[1]?.content ?? "{}") as { prospect_message?: string }).prospect_message ?? "";
  const reportsNeed = !(request.body.model === "gpt-4o-mini" && styleA);
  const signals = [];
  if (message.includes("VP of Sales")) signals.push(signal("seniority", "vp", "VP of Sales"));
  const need = /need a better way to \w+ leads/.exec(message)?.[0];
  if (need && reportsNeed) signals.push(signal("need", "explicit", need));
  return fakeReply.object({ signals, intents: [], reply_for: "reply_goal", reply: "" });
}

async function runMatrix(argv: string[], createExtractor?: typeof createEvalExtractor) {
  let stdout = "";
  let stderr = "";
  const out = new PassThrough().on("data", (chunk) => {
    stdout += chunk;
  });
  const err = new PassThrough().on("data", (chunk) => {
    stderr += chunk;
  });
  const env = { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: server!.baseURL, QUALBOT_MODEL: "gpt-4o-mini" };
  const code = await runEvalCommand(
    ["--dataset", dataset, "--concurrency", "1", ...argv],
    { stdout: out, stderr: err, isTTY: false, env },
    createExtractor ? { createExtractor } : {},
  );
  return { code, stdout, stderr };
}

const readMatrix = (path: string) => JSON.parse(readFileSync(path, "utf8")) as MatrixReport;

/** The table's body lines, by their metric label (the first column). */
function tableLine(stdout: string, label: string): string {
  const line = stdout.split("\n").find((entry) => entry.startsWith(`${label}  `));
  if (!line) throw new Error(`no "${label}" row in:\n${stdout}`);
  return line;
}

describe("qualbot eval matrix (--models × --prompts)", () => {
  it("runs every model × prompt combination, prints one side-by-side table and re-runs from the cache", async () => {
    server = await startFakeOpenAiServer();
    for (let index = 0; index < 12; index++) server.enqueue(fakeReply.compute(modelAnswer));
    const cacheFile = join(directory, "cache.jsonl");
    const out = join(directory, "matrix.json");
    const md = join(directory, "matrix.md");
    const argv = [
      "--extractor",
      "llm",
      "--models",
      "gpt-4o-mini,gpt-4.1-mini",
      "--prompts",
      `${promptsA},${promptsB}`,
      "--cache-file",
      cacheFile,
      "--out",
      out,
      "--md",
      md,
    ];
    const first = await runMatrix(argv);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    // 3 cases × 4 columns, one call per prospect turn.
    expect(server.requests).toHaveLength(12);
    server.verify();

    const matrix = readMatrix(out);
    const hashA = loadTurnPrompts(promptsA).hash.slice(0, 8);
    const hashB = loadTurnPrompts(promptsB).hash.slice(0, 8);
    expect(matrix.columns.map((column) => column.label)).toEqual([
      `gpt-4o-mini × system.a1+extraction.a1+reply.a1@${hashA}`,
      `gpt-4o-mini × system.b1+extraction.b1+reply.b1@${hashB}`,
      `gpt-4.1-mini × system.a1+extraction.a1+reply.a1@${hashA}`,
      `gpt-4.1-mini × system.b1+extraction.b1+reply.b1@${hashB}`,
    ]);
    // Each column really used its model and its prompt directory.
    for (const column of matrix.columns) {
      expect(column.report.metadata.model).toBe(column.model);
      expect(column.report.metadata.prompts).toEqual([
        { id: column.prompts!.id, hash: column.prompts!.hash },
      ]);
    }
    const sent = server.requests.map((request) => ({
      model: request.body.model,
      style: request.body.messages?.[0]?.content?.includes("style A") ? "A" : "B",
    }));
    for (const model of ["gpt-4o-mini", "gpt-4.1-mini"])
      for (const style of ["A", "B"])
        expect(sent.filter((entry) => entry.model === model && entry.style === style)).toHaveLength(3);

    // Every number in the table is recomputable from the column's own report in the JSON.
    const byKey = new Map(matrix.rows.map((row) => [row.key, row]));
    matrix.columns.forEach((column, index) => {
      const { report } = column;
      const totals = aggregate(report.cases.map((entry) => entry.outcomes));
      expect(byKey.get("micro.f1")!.values[index]).toBe(totals.micro.f1);
      expect(byKey.get("fields.need.status.f1")!.values[index]).toBe(totals.fields["need.status"]!.f1);
      expect(byKey.get("micro.hallucinationRate")!.values[index]).toBe(totals.micro.hallucinationRate);
      const routing = routingConfusion(
        report.cases.flatMap((entry) =>
          entry.expected.qualified === undefined
            ? []
            : [{ expected: entry.expected.qualified, predicted: entry.predicted.qualified }],
        ),
      );
      expect(byKey.get("routing.accuracy")!.values[index]).toBe(routing.accuracy);
      const cost = report.cases.reduce((sum, entry) => sum + entry.usage.costUsd, 0);
      expect(byKey.get("usage.costUsd")!.values[index]).toBeCloseTo(cost, 5);
      expect(byKey.get("latency.turnP95Ms")!.values[index]).toBe(report.latency.turnP95Ms);
      expect(report.latency.turnP95Ms).toBeCloseTo(
        percentile(
          report.cases.map((entry) => entry.latencyMs),
          95,
        )!,
        1,
      );
      expect(byKey.get("errors")!.values[index]).toBe(0);
    });
    // gpt-4o-mini with prompt A misses both needs; the three others get every slot right.
    const microF1 = byKey.get("micro.f1")!.values;
    expect(microF1[0]).toBeLessThan(1);
    expect(microF1.slice(1)).toEqual([1, 1, 1]);
    expect(byKey.get("micro.f1")!.best).toEqual([1, 2, 3]);
    // At a similar token count gpt-4o-mini is the cheaper model.
    const costs = byKey.get("usage.costUsd")!.values as number[];
    const cheapest = costs.flatMap((value, index) => (value === Math.min(...costs) ? [index] : []));
    expect(byKey.get("usage.costUsd")!.best).toEqual(cheapest);
    expect(cheapest.every((index) => matrix.columns[index]!.model === "gpt-4o-mini")).toBe(true);

    // The terminal table: 4 value columns, the best cells marked, numbers as in the JSON.
    const header = first.stdout.split("\n").find((line) => line.startsWith("metric"))!;
    expect(header.trim().split(/\s{2,}/)).toEqual([
      "metric",
      "gpt-4o-mini",
      "gpt-4o-mini",
      "gpt-4.1-mini",
      "gpt-4.1-mini",
    ]);
    const microLine = tableLine(first.stdout, "micro F1");
    const microCells = microLine
      .slice("micro F1".length)
      .trim()
      .split(/\s{2,}/);
    expect(microCells).toEqual(
      microF1.map((value, index) =>
        [1, 2, 3].includes(index)
          ? `${formatMatrixValue(value, "percent")} ${BEST_MARK}`
          : formatMatrixValue(value, "percent"),
      ),
    );
    expect(first.stdout).toContain("All gates passed.");

    // The Markdown table: metric + 4 columns, best values in bold.
    const markdown = readFileSync(md, "utf8");
    const markdownRows = markdown.split("\n").filter((line) => line.startsWith("| "));
    const cellsOf = (line: string) => line.slice(2, -2).split(" | ");
    expect(cellsOf(markdownRows[0]!)).toEqual([
      "metric",
      ...matrix.columns.map((column) => `\`${column.label}\``),
    ]);
    const microRow = cellsOf(markdownRows.find((line) => line.startsWith("| micro F1 |"))!);
    expect(microRow.slice(1)).toEqual(
      microF1.map((value, index) =>
        [1, 2, 3].includes(index)
          ? `**${formatMatrixValue(value, "percent")}**`
          : formatMatrixValue(value, "percent"),
      ),
    );

    // Unchanged cells cost nothing: a re-run makes no call and reproduces every metric.
    const second = await runMatrix(argv);
    expect(second.code).toBe(0);
    expect(server.requests).toHaveLength(12);
    const again = readMatrix(out);
    const withoutTiming = (report: MatrixReport) =>
      report.rows.filter((row) => !row.key.startsWith("latency."));
    expect(withoutTiming(again)).toEqual(withoutTiming(matrix));
    // The latency of a cached answer is the original call's, not the lookup's.
    expect(again.rows.find((row) => row.key === "latency.turnP50Ms")!.values).toEqual(
      again.columns.map((column) => column.report.latency.turnP50Ms),
    );
    expect(again.columns.map((column) => column.report.usage)).toEqual(
      matrix.columns.map((column) => ({ ...column.report.usage, cacheHits: 3, spentUsd: 0 })),
    );
    expect(tableLine(second.stdout, "cache hits").split(/\s+/).slice(2)).toEqual([
      "3/3",
      "3/3",
      "3/3",
      "3/3",
    ]);

    // A gate is checked in every column: one failing column fails the run (still from the cache).
    const gated = await runMatrix([...argv, "--min-micro-f1", "0.9", "--format", "json"]);
    expect(server.requests).toHaveLength(12);
    expect(gated.code).toBe(1);
    const gatedMatrix = JSON.parse(gated.stdout) as MatrixReport;
    expect(gatedMatrix.columns.map((column) => column.gates.passed)).toEqual([false, true, true, true]);
    expect(gated.stderr).toMatch(/Gate failed for gpt-4o-mini × system\.a1.*:\n {2}micro F1 0\.\d+ < 0\.9/);
    expect(gated.stderr).toContain("Gate failed in 1 of 4 columns.");
  });

  it("puts the offline extractor beside the model with --extractor offline,llm", async () => {
    server = await startFakeOpenAiServer();
    for (let index = 0; index < 3; index++) server.enqueue(fakeReply.compute(modelAnswer));
    const keywords = createKeywordExtractor(fixtureRules, { name: "offline" });
    const createExtractor = async (
      ...[kind, env, variant]: Parameters<typeof createEvalExtractor>
    ): Promise<EvalExtractorResult> =>
      kind === "offline"
        ? {
            ok: true,
            value: { extractor: keywords, identity: { extractor: "offline" }, cacheByDefault: false },
          }
        : createEvalExtractor(kind, env, variant);
    const out = join(directory, "offline-llm.json");
    const result = await runMatrix(
      ["--extractor", "offline,llm", "--prompts", promptsB, "--no-cache", "--out", out],
      createExtractor,
    );
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(3);
    const matrix = readMatrix(out);
    expect(matrix.columns.map((column) => [column.label, column.extractor, column.model])).toEqual([
      ["offline", "offline", null],
      [
        `gpt-4o-mini × system.b1+extraction.b1+reply.b1@${loadTurnPrompts(promptsB).hash.slice(0, 8)}`,
        "llm",
        "gpt-4o-mini",
      ],
    ]);
    expect(keywords.calls).toHaveLength(3);
    const header = result.stdout.split("\n").find((line) => line.startsWith("metric"))!;
    expect(header.trim().split(/\s{2,}/)).toEqual(["metric", "offline", "gpt-4o-mini"]);
    // The offline column costs nothing: it is the cheapest.
    expect(matrix.rows.find((row) => row.key === "usage.costUsd")!.best).toEqual([0]);
  });

  it("compares simulated conversations side by side with --simulate", async () => {
    server = await startFakeOpenAiServer();
    // The model finds nothing: the LLM column gathers no facts and the bot keeps asking.
    server.enqueue(
      ...Array.from({ length: 20 }, () =>
        fakeReply.object({ signals: [], intents: [], reply_for: "reply_goal", reply: "" }),
      ),
    );
    const keywords = createKeywordExtractor(fixtureRules, { name: "offline" });
    const out = join(directory, "simulated.json");
    const createExtractor = async (
      ...[kind, env, variant]: Parameters<typeof createEvalExtractor>
    ): Promise<EvalExtractorResult> =>
      kind === "offline"
        ? {
            ok: true,
            value: { extractor: keywords, identity: { extractor: "offline" }, cacheByDefault: false },
          }
        : createEvalExtractor(kind, env, variant);
    const code = await runEvalCommand(
      [
        "--simulate",
        join(fixtures, "personas-llm.jsonl"),
        "--extractor",
        "offline,llm",
        "--no-cache",
        "--out",
        out,
        "--format",
        "json",
      ],
      {
        stdout: new PassThrough(),
        stderr: new PassThrough(),
        isTTY: false,
        env: { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: server.baseURL },
      },
      { createExtractor },
    );
    expect(code).toBe(0);
    const matrix = readMatrix(out);
    expect(matrix.rows.some((row) => row.key === "micro.f1")).toBe(false);
    const gathered = matrix.rows.find((row) => row.key === "simulation.factsGatheredRate")!;
    expect(gathered.values).toEqual(
      matrix.columns.map((column) => column.report.simulation!.factsGatheredRate),
    );
    expect(gathered.values[0]).toBe(1);
    expect(gathered.values[1]).toBeLessThan(1);
    expect(gathered.best).toEqual([0]);
    expect(server.requests.length).toBe(matrix.columns[1]!.report.simulation!.conversations[0]!.turns);
  });

  it("rejects a prompt directory without the three prompt files before any model call", async () => {
    server = await startFakeOpenAiServer();
    const result = await runMatrix([
      "--extractor",
      "llm",
      "--prompts",
      `${promptsA},${join(fixtures, "no-such-prompts")}`,
      "--no-cache",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read prompt .*no-such-prompts.system\.md/);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses JUnit output for a matrix run", async () => {
    server = await startFakeOpenAiServer();
    const result = await runMatrix(["--extractor", "llm", "--models", "a,b", "--format", "junit"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("JUnit output is for a single run");
    expect(server.requests).toHaveLength(0);
  });
});

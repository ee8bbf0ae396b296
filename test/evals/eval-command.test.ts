import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runEvalCommand } from "../../src/evals/eval-command.js";
import type { EvalExtractorResult } from "../../src/evals/eval-extractor.js";
import {
  createKeywordExtractor,
  fixtureRules,
  type KeywordExtractor,
  type KeywordRule,
} from "./keyword-extractor.js";

const fixtures = fileURLToPath(new URL("../fixtures/evals/", import.meta.url));
const dataset = join(fixtures, "small.jsonl");
const directory = mkdtempSync(join(tmpdir(), "qualbot-eval-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function collect() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk) => {
    text += chunk;
  });
  return { stream, text: () => text };
}

async function run(
  argv: string[],
  options: {
    rules?: KeywordRule[];
    isTTY?: boolean;
    extractor?: KeywordExtractor;
    cacheByDefault?: boolean;
  } = {},
) {
  const stdout = collect();
  const stderr = collect();
  const extractor = options.extractor ?? createKeywordExtractor(options.rules ?? fixtureRules);
  const createExtractor = async (): Promise<EvalExtractorResult> => ({
    ok: true,
    value: {
      extractor,
      identity: { extractor: extractor.name, promptHash: "p1" },
      cacheByDefault: options.cacheByDefault ?? false,
    },
  });
  const code = await runEvalCommand(
    argv,
    { stdout: stdout.stream, stderr: stderr.stream, isTTY: options.isTTY ?? false, env: {} },
    { createExtractor, now: () => new Date("2026-01-01T00:00:00Z") },
  );
  return { code, stdout: stdout.text(), stderr: stderr.text(), extractor };
}

describe("qualbot eval", () => {
  it("runs a dataset, prints the summary table and writes JSON, Markdown and JUnit", async () => {
    const out = join(directory, "report.json");
    const md = join(directory, "nested", "report.md");
    const junit = join(directory, "junit.xml");
    const result = await run(["--dataset", dataset, "--out", out, "--md", md, "--junit", junit]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^authority\.status\s+4\s+1\s+0\s+0\s+1\s+2/m);
    expect(result.stdout).toContain("All gates passed.");
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report.metadata.dataset.path).toBe(dataset);
    expect(report.metadata.dataset.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.metadata.scorecard.id).toBe("default-bant-v1");
    expect(report.metadata.runNow).toBe("2026-01-01T00:00:00.000Z");
    expect(report.cases).toHaveLength(4);
    expect(readFileSync(md, "utf8")).toContain("## qualbot eval");
    expect(readFileSync(junit, "utf8")).toContain('<testsuites name="qualbot eval" tests="4">');
  });

  it("prints only the report on stdout with --format json, the summary on stderr", async () => {
    const result = await run(["--dataset", dataset, "--format", "json"]);
    expect(JSON.parse(result.stdout).summary.cases).toBe(4);
    expect(result.stderr).toContain("Routing (qualified)");
  });

  it("draws a progress bar only on a terminal", async () => {
    const tty = await run(["--dataset", dataset, "--format", "json"], { isTTY: true });
    expect(tty.stderr).toContain("\reval [");
    const pipe = await run(["--dataset", dataset, "--format", "json"]);
    expect(pipe.stderr).not.toContain("\r");
  });

  it("exits 1 on a regression against the baseline and 0 within tolerance", async () => {
    const baseline = join(directory, "baseline.json");
    expect((await run(["--dataset", dataset, "--out", baseline])).code).toBe(0);
    const worseRules = fixtureRules.filter((rule) => rule.when !== "need a better way");
    const worse = await run(["--dataset", dataset, "--baseline", baseline], { rules: worseRules });
    expect(worse.code).toBe(1);
    expect(worse.stdout).toMatch(/need\.status f1 regressed/);
    expect(worse.stdout).toContain("acme-001: pass → fail");
    const tolerated = await run(["--dataset", dataset, "--baseline", baseline, "--tolerance", "1"], {
      rules: worseRules,
    });
    expect(tolerated.code).toBe(0);
  });

  it("applies absolute gates", async () => {
    const result = await run(["--dataset", dataset, "--max-hallucination-rate", "0"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/hallucination rate 0\.\d+ > 0/);
    expect((await run(["--dataset", dataset, "--min-routing-accuracy", "1"])).code).toBe(0);
  });

  it("fails the gate on extraction errors unless allowed", async () => {
    const extractor = createKeywordExtractor(fixtureRules, { failWhen: "$50,000" });
    const result = await run(["--dataset", dataset], { extractor });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("1 run(s) with extraction errors > --max-errors 0");
    expect(
      (
        await run(["--dataset", dataset, "--max-errors", "1"], {
          extractor: createKeywordExtractor(fixtureRules, { failWhen: "$50,000" }),
        })
      ).code,
    ).toBe(0);
  });

  it("reports invalid lines with their numbers and exits 2, or skips them", async () => {
    const invalid = join(fixtures, "invalid.jsonl");
    const result = await run(["--dataset", invalid]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${invalid}:2: invalid JSON`);
    expect(result.stderr).toContain(`${invalid}:6: duplicate id "ok-001" (first on line 1)`);
    const skipped = await run(["--dataset", invalid, "--skip-invalid", "--format", "json"]);
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout).metadata.dataset.skippedLines).toEqual([2, 3, 5, 6, 7]);
  });

  it.each([
    [["--dataset"], /argument missing/],
    [["--bogus"], /Unknown option '--bogus'/],
    [[], /--dataset FILE\.jsonl .* is required/],
    [["--dataset", dataset, "--extractor", "gpt"], /--extractor must be offline or llm/],
    [["--dataset", dataset, "--extractor", "offline,"], /--extractor must be a comma-separated list/],
    [["--dataset", dataset, "--models", "gpt-4o-mini"], /--models and --prompts need --extractor llm/],
    [["--dataset", dataset, "--prompts", "prompts"], /--models and --prompts need --extractor llm/],
    [["--dataset", dataset, "--prospect", "llm"], /--prospect llm plays the personas of --simulate/],
    [["--simulate", dataset, "--prospect", "human"], /--prospect must be rules or llm/],
    [["--simulate", dataset, "--prospect-model", "gpt-4o"], /--prospect-model needs --prospect llm/],
    [["--dataset", dataset, "--tolerance", "2"], /--tolerance must be a number from 0 to 1/],
    [["--dataset", dataset, "--tolerance", "speed=0.1"], /unknown key "speed"/],
    [["--dataset", dataset, "--repeat", "0"], /--repeat must be a whole number ≥ 1/],
    [["--dataset", "/nonexistent/dev.jsonl"], /cannot read dataset \/nonexistent\/dev\.jsonl: no such file/],
    [["--dataset", dataset, "--baseline", dataset], /is not JSON/],
    [["--dataset", dataset, "--scorecard", dataset], /--scorecard: cannot read/],
  ])("exits 2 with a clear message for %j", async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  it("exits 2 for an empty dataset", async () => {
    const empty = join(directory, "empty.jsonl");
    writeFileSync(empty, "\n");
    const result = await run(["--dataset", empty]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("has no valid cases");
  });

  it("prints usage with --help", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: qualbot eval --dataset FILE.jsonl");
  });

  it("makes zero extractor calls on an unchanged re-run with the file cache", async () => {
    const cacheFile = join(directory, "cache", "eval-cache.jsonl");
    const first = await run(["--dataset", dataset, "--cache", "--cache-file", cacheFile]);
    expect(first.extractor.calls.length).toBeGreaterThan(0);
    const second = await run(["--dataset", dataset, "--cache-file", cacheFile, "--format", "json"], {
      cacheByDefault: true,
    });
    expect(second.extractor.calls).toHaveLength(0);
    const report = JSON.parse(second.stdout);
    expect(report.usage.cacheHits).toBe(first.extractor.calls.length);
    expect(report.metadata.cache).toEqual({ enabled: true, path: cacheFile });
    const disabled = await run(["--dataset", dataset, "--no-cache", "--cache-file", cacheFile], {
      cacheByDefault: true,
    });
    expect(disabled.extractor.calls.length).toBe(first.extractor.calls.length);
  });

  it("simulates personas and reports them", async () => {
    const result = await run(["--simulate", join(fixtures, "personas.jsonl"), "--format", "json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.metadata.dataset).toBeNull();
    expect(report.simulation.personas).toBe(3);
    expect(report.simulation.routing.accuracy).toBe(1);
    expect(result.stderr).toContain("Simulation: 3 personas");
  });
});

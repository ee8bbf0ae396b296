import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runEvalCommand } from "../../src/evals/eval-command.js";
import type { ModelSignal } from "../../src/llm/turn-schema.js";
import { type FakeOpenAiServer, fakeReply, startFakeOpenAiServer } from "../fakes/openai-server.js";
import { modelSignal } from "../llm/fixtures.js";

const dataset = fileURLToPath(new URL("../fixtures/evals/llm-tiny.jsonl", import.meta.url));
const directory = mkdtempSync(join(tmpdir(), "qualbot-llm-eval-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const signal = (field: ModelSignal["field"], value: ModelSignal["value"], quote: string) =>
  modelSignal({ field, value, quote });

async function evalWith(argv: string[]) {
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
    ["--extractor", "llm", "--concurrency", "1", "--format", "json", ...argv],
    {
      stdout: out,
      stderr: err,
      isTTY: false,
      env,
    },
  );
  return { code, stderr, report: stdout ? JSON.parse(stdout) : null };
}

describe("qualbot eval --extractor llm (fake OpenAI-compatible server)", () => {
  it("scores the model's answers, records usage, and re-runs from the cache with zero calls", async () => {
    server = await startFakeOpenAiServer();
    server.enqueue(
      fakeReply.object({
        signals: [
          signal("seniority", "vp", "VP of Sales"),
          signal("need", "explicit", "we need a better way to qualify leads"),
        ],
        intents: [],
        reply_for: "reply_goal",
        reply: "",
      }),
      fakeReply.object({ signals: [], intents: ["greeting"], reply_for: "reply_goal", reply: "" }),
    );
    const cacheFile = join(directory, "cache.jsonl");
    const first = await evalWith(["--dataset", dataset, "--cache-file", cacheFile]);
    expect(first.stderr).toContain("All gates passed.");
    expect(first.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(first.report.metadata.extractor.names).toEqual(["llm:gpt-4o-mini"]);
    expect(first.report.metadata.prompts[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.report.usage.promptTokens).toBeGreaterThan(0);
    expect(first.report.cases[0].predicted).toMatchObject({ seniority: "vp", need: { status: "explicit" } });

    const second = await evalWith(["--dataset", dataset, "--cache-file", cacheFile]);
    expect(server.requests).toHaveLength(2);
    expect(second.report.usage).toMatchObject({ cacheHits: 2, spentUsd: 0 });
    expect(second.report.cases.map((entry: { predicted: unknown }) => entry.predicted)).toEqual(
      first.report.cases.map((entry: { predicted: unknown }) => entry.predicted),
    );
  });

  it("reports a model failure as an extraction error, not an offline answer", async () => {
    server = await startFakeOpenAiServer();
    server.enqueue(
      fakeReply.malformed(),
      fakeReply.object({ signals: [], intents: [], reply_for: "reply_goal", reply: "" }),
    );
    const result = await evalWith(["--dataset", dataset, "--no-cache"]);
    expect(result.code).toBe(1);
    expect(result.report.cases[0].errors[0]).toMatch(/LLM_MALFORMED_OUTPUT/);
    expect(result.report.cases[0].predicted.seniority).toBe("unknown");
    expect(result.stderr).toContain("1 run(s) with extraction errors");
  });

  it("explains what is missing when no API key is configured", async () => {
    let stderr = "";
    const err = new PassThrough().on("data", (chunk) => {
      stderr += chunk;
    });
    const code = await runEvalCommand(["--dataset", dataset, "--extractor", "llm"], {
      stdout: new PassThrough(),
      stderr: err,
      isTTY: false,
      env: {},
    });
    expect(code).toBe(2);
    expect(stderr).toContain("--extractor llm needs OPENAI_API_KEY");
  });
});

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { defaultScorecard } from "../../src/core/default-scorecard.js";
import { runEvalCommand } from "../../src/evals/eval-command.js";
import type { EvalExtractorResult } from "../../src/evals/eval-extractor.js";
import { createInMemoryDriver } from "../../src/evals/in-memory-driver.js";
import { createLlmProspects, prospectSchemaName } from "../../src/evals/llm-prospect.js";
import { parsePersonas } from "../../src/evals/persona.js";
import type { EvalReport } from "../../src/evals/report.js";
import { createMemoryCache } from "../../src/evals/response-cache.js";
import { simulate } from "../../src/evals/simulate.js";
import { createOpenAiClient } from "../../src/llm/openai-client.js";
import { loadReplyTemplates } from "../../src/replies/load-templates.js";
import { type FakeOpenAiServer, fakeReply, startFakeOpenAiServer } from "../fakes/openai-server.js";
import { createKeywordExtractor, fixtureRules } from "./keyword-extractor.js";

const personasPath = fileURLToPath(new URL("../fixtures/evals/personas-llm.jsonl", import.meta.url));
const { personas } = parsePersonas(readFileSync(personasPath, "utf8"));
const directory = mkdtempSync(join(tmpdir(), "qualbot-llm-prospect-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** What the model says as the prospect, in order: its own words, not the persona's fact sentences. */
const scriptedReplies = [
  "That would be me: I'm the VP of Sales and I sign off on tools like this.",
  "Ideally we'd be up and running within 3 months.",
  "Sure, ann@acme.example works best.",
];

const enqueueProspect = (target: FakeOpenAiServer) =>
  target.enqueue(...scriptedReplies.map((reply) => fakeReply.object({ reply })));

describe("LLM-played prospect (simulate)", () => {
  it("words each answer with the model and scores the conversation as before", async () => {
    server = await startFakeOpenAiServer();
    enqueueProspect(server);
    const prospects = createLlmProspects({
      client: createOpenAiClient({ apiKey: "test", baseURL: server.baseURL, model: "gpt-4o-mini" }),
      cache: createMemoryCache<unknown>(),
    });
    const report = await simulate(personas, {
      driver: createInMemoryDriver({
        extractor: createKeywordExtractor(fixtureRules),
        scorecard: defaultScorecard,
        templates: loadReplyTemplates(),
      }),
      runNow: new Date("2026-11-23T10:00:00Z"),
      createProspect: prospects.createProspect,
    });
    server.verify();

    const conversation = report.conversations[0]!;
    const prospectLines = conversation.transcript
      .filter((line) => line.role === "prospect")
      .map((line) => line.text);
    expect(prospectLines).toEqual([personas[0]!.opening, ...scriptedReplies]);
    const asked = conversation.transcript.flatMap((line) =>
      line.move && "slot" in line.move && line.move.kind === "ask" ? [line.move.slot] : [],
    );
    expect(asked).toEqual(["authority", "timeline"]);
    expect(conversation).toMatchObject({
      turns: 4,
      end: "prospect_left",
      lastMove: "awaiting_handoff",
      reAsks: 0,
      reAsksAfterAnswer: 0,
      routingCorrect: true,
    });
    expect([...conversation.factsGathered].sort()).toEqual(["authority", "email", "timeline"]);
    expect(report.factsUnderstoodRate).toBe(1);
    expect(report.routing).toMatchObject({ tp: 1, fp: 0, fn: 0, tn: 0 });

    // Each call plays the persona: its hidden facts in the system prompt, the bot as the other speaker.
    const first = server.requests[0]!.body;
    expect(first.model).toBe("gpt-4o-mini");
    expect(first.response_format?.json_schema?.name).toBe(prospectSchemaName);
    const system = first.messages![0]!.content!;
    for (const fact of Object.values(personas[0]!.facts)) expect(system).toContain(fact);
    expect(system).toMatch(/only when the bot's latest message asks about it/);
    expect(system).toMatch(/never list several facts at once/i);
    const roles = first.messages!.slice(1).map((message) => message.role);
    expect(roles).toEqual(["user", "assistant", "user"]);
    expect(first.messages![2]!.content).toBe(personas[0]!.opening);
    expect(first.messages![3]!.content).toBe(conversation.transcript[1]!.text);
    // The third call sees the whole conversation so far, its own earlier answers included.
    const third = server.requests[2]!.body.messages!;
    expect(third.filter((message) => message.role === "assistant").map((message) => message.content)).toEqual(
      [personas[0]!.opening, ...scriptedReplies.slice(0, 2)],
    );
    expect(prospects.usage()).toMatchObject({ kind: "llm", model: "gpt-4o-mini", calls: 3, cacheHits: 0 });
    expect(prospects.usage().promptTokens).toBeGreaterThan(0);
  });
});

async function simulateWith(argv: string[], env: Record<string, string | undefined>) {
  let stdout = "";
  let stderr = "";
  const out = new PassThrough().on("data", (chunk) => {
    stdout += chunk;
  });
  const err = new PassThrough().on("data", (chunk) => {
    stderr += chunk;
  });
  const extractor = createKeywordExtractor(fixtureRules);
  const createExtractor = async (): Promise<EvalExtractorResult> => ({
    ok: true,
    value: { extractor, identity: { extractor: extractor.name }, cacheByDefault: false },
  });
  const code = await runEvalCommand(
    ["--simulate", personasPath, "--prospect", "llm", "--format", "json", ...argv],
    { stdout: out, stderr: err, isTTY: false, env },
    { createExtractor, now: () => new Date("2026-11-23T10:00:00Z") },
  );
  return { code, stderr, report: stdout ? (JSON.parse(stdout) as EvalReport) : null };
}

describe("qualbot eval --simulate --prospect llm", () => {
  const env = () => ({
    OPENAI_API_KEY: "test-key",
    OPENAI_BASE_URL: server!.baseURL,
    QUALBOT_MODEL: "gpt-4o-mini",
  });

  it("plays the personas with the configured model and re-runs from the cache without calls", async () => {
    server = await startFakeOpenAiServer();
    enqueueProspect(server);
    const cacheFile = join(directory, "prospect-cache.jsonl");
    const first = await simulateWith(["--cache-file", cacheFile, "--prospect-model", "gpt-4.1-mini"], env());
    expect(first.code).toBe(0);
    expect(server.requests.map((request) => request.body.model)).toEqual([
      "gpt-4.1-mini",
      "gpt-4.1-mini",
      "gpt-4.1-mini",
    ]);
    const simulation = first.report!.simulation!;
    expect(
      simulation.conversations[0]!.transcript.filter((line) => line.role === "prospect")
        .slice(1)
        .map((line) => line.text),
    ).toEqual(scriptedReplies);
    expect(simulation.routing.accuracy).toBe(1);
    expect(simulation.prospect).toMatchObject({ kind: "llm", model: "gpt-4.1-mini", calls: 3, cacheHits: 0 });
    expect(simulation.prospect!.costUsd).toBeGreaterThan(0);
    expect(first.stderr).toMatch(/Prospect: llm \(gpt-4\.1-mini\), 3 calls, 0 from the cache/);

    const second = await simulateWith(["--cache-file", cacheFile, "--prospect-model", "gpt-4.1-mini"], env());
    expect(second.code).toBe(0);
    expect(server.requests).toHaveLength(3);
    expect(second.report!.simulation!.conversations[0]!.transcript).toEqual(
      simulation.conversations[0]!.transcript,
    );
    expect(second.report!.simulation!.prospect).toMatchObject({
      calls: 0,
      cacheHits: 3,
      costUsd: simulation.prospect!.costUsd,
    });
  });

  it("records a prospect model failure as a failed conversation and fails the errors gate", async () => {
    server = await startFakeOpenAiServer();
    server.enqueue(fakeReply.malformed('{"reply": '));
    const result = await simulateWith(["--no-cache"], env());
    expect(result.code).toBe(1);
    const conversation = result.report!.simulation!.conversations[0]!;
    expect(conversation.error).toMatch(/^prospect: LLM_MALFORMED_OUTPUT/);
    expect(conversation.turns).toBe(1);
    expect(result.stderr).toContain("1 run(s) with extraction errors");
  });

  it("needs an API key", async () => {
    const result = await simulateWith([], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--prospect llm needs OPENAI_API_KEY");
  });
});

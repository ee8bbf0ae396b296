import { describe, expect, it } from "vitest";
import type { Logger } from "../../src/engine/ports.js";
import { createLlmBrainFromConfig } from "../../src/llm/index.js";
import { fakeReply } from "../fakes/openai-server.js";
import { useFakeOpenAiServer } from "../helpers/fake-openai.js";
import { createFakeTiming, extractionInput, modelSignal, scriptedExtractor, turnOutput } from "./fixtures.js";

type Entry = { level: string; data: object; message?: string };

function recordingLogger(): Logger & { entries: Entry[] } {
  const entries: Entry[] = [];
  const at = (level: string) => (data: object, message?: string) => entries.push({ level, data, message });
  return { entries, info: at("info"), warn: at("warn"), error: at("error"), debug: at("debug") };
}

const text = "I'm Dana from Acme, we need better lead routing.";
const answer = turnOutput({
  signals: [
    modelSignal({ field: "need", value: "explicit", quote: "we need better lead routing" }),
    modelSignal({ field: "company.name", value: "Acme", quote: "from Initech" }),
  ],
});

describe.each(["openai", "langchain"] as const)("createLlmBrainFromConfig (%s adapter)", (adapter) => {
  const server = useFakeOpenAiServer();

  function brain() {
    const logger = recordingLogger();
    const offline = scriptedExtractor("offline", { signals: [], intents: [] });
    const clock = createFakeTiming();
    const faults: string[] = [];
    const extractor = createLlmBrainFromConfig(
      { apiKey: "test-key", baseUrl: server.baseURL, model: "gpt-4o-mini" },
      {
        fallback: offline,
        logger,
        adapter,
        timing: clock.timing,
        ruleReader: async () => [],
        retry: { timeoutMs: 500 },
        onFault: (fault) => faults.push(fault.code),
      },
    );
    return { extractor, logger, offline, clock, faults };
  }

  it("extracts through the configured server, logging dropped values by field and reason only", async () => {
    server.enqueue(fakeReply.object(answer));
    const { extractor, logger } = brain();
    const result = await extractor.extract(extractionInput({ text }));
    expect(result.extractor).toBe("llm:gpt-4o-mini");
    expect(result.signals.map((signal) => signal.field)).toEqual(["need"]);
    expect(result.dropped).toBe(1);
    expect(logger.entries).toEqual([
      {
        level: "info",
        data: {
          code: "LLM_VALUES_DROPPED",
          dropped: [{ field: "company.name", reason: "evidence_not_found" }],
        },
        message: "model values dropped",
      },
    ]);
    expect(server.requests[0]!.headers.authorization).toBe("Bearer test-key");
  });

  it("retries a 429 after its Retry-After and logs the retry by code", async () => {
    server.enqueue(fakeReply.rateLimited({ retryAfter: 1 }), fakeReply.object(answer));
    const { extractor, logger, clock } = brain();
    const result = await extractor.extract(extractionInput({ text }));
    expect(result.extractor).toBe("llm:gpt-4o-mini");
    expect(clock.sleeps).toEqual([1000]);
    expect(logger.entries[0]).toMatchObject({
      level: "warn",
      data: { code: "LLM_RATE_LIMITED", attempt: 1, delayMs: 1000 },
    });
  });

  it("falls back offline on bad output, logs the fault code, and never logs the prospect's text", async () => {
    server.enqueue(fakeReply.malformed());
    const { extractor, logger, offline, faults } = brain();
    const result = await extractor.extract(extractionInput({ text }));
    expect(result.extractor).toBe("offline");
    expect(offline.calls).toHaveLength(1);
    expect(logger.entries.map((entry) => entry.data)).toContainEqual({
      code: "LLM_MALFORMED_OUTPUT",
      extractor: "llm:gpt-4o-mini",
    });
    expect(JSON.stringify(logger.entries)).not.toContain("lead routing");
    expect(faults).toEqual(["LLM_MALFORMED_OUTPUT"]);
  });

  it("opens the circuit after five failed turns and says so in the log", async () => {
    for (let turn = 0; turn < 5; turn++)
      server.enqueue(fakeReply.serverError(), fakeReply.serverError(), fakeReply.serverError());
    const { extractor, logger } = brain();
    for (let turn = 0; turn < 6; turn++)
      expect((await extractor.extract(extractionInput({ text }))).extractor).toBe("offline");
    expect(server.requests).toHaveLength(15);
    expect(logger.entries.map((entry) => entry.data)).toContainEqual({
      code: "LLM_CIRCUIT_STATE",
      state: "open",
    });
    expect(logger.entries.at(-1)?.data).toEqual({ code: "LLM_CIRCUIT_OPEN", extractor: "llm:gpt-4o-mini" });
  });
});

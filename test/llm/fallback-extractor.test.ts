import { beforeEach, describe, expect, it } from "vitest";
import type { Signal } from "../../src/core/qualification.js";
import type { Extractor } from "../../src/extraction/extractor.js";
import { withCircuitBreaker } from "../../src/llm/circuit-breaker.js";
import { createFallbackExtractor, type ExtractionFault } from "../../src/llm/fallback-extractor.js";
import { createLlmExtractor } from "../../src/llm/llm-extractor.js";
import { createOpenAiClient } from "../../src/llm/openai-client.js";
import { loadTurnPrompts } from "../../src/llm/prompts.js";
import { withRetries } from "../../src/llm/retrying-client.js";
import { fakeReply } from "../fakes/openai-server.js";
import { useFakeOpenAiServer } from "../helpers/fake-openai.js";
import { createFakeTiming, extractionInput, modelSignal, scriptedExtractor, turnOutput } from "./fixtures.js";

const prompts = loadTurnPrompts();
const text = "We need better lead routing.";
const offlineSignal: Signal = {
  field: "need",
  value: { status: "explicit" },
  evidence: ["need better lead routing"],
  confidence: 0.8,
};

describe("fallback to the offline extractor", () => {
  const server = useFakeOpenAiServer();
  let faults: ExtractionFault[];
  beforeEach(async () => {
    faults = [];
  });

  function brain(options: { failureThreshold?: number } = {}) {
    const clock = createFakeTiming();
    const adapter = createOpenAiClient({ apiKey: "test-key", baseURL: server.baseURL, model: "gpt-4o-mini" });
    const client = withCircuitBreaker(
      withRetries(adapter, { maxAttempts: 2, timeoutMs: 150 }, { timing: clock.timing }),
      { failureThreshold: options.failureThreshold ?? 5, cooldownMs: 60_000 },
      { timing: clock.timing },
    );
    const offline = scriptedExtractor("offline", { signals: [offlineSignal], intents: ["greeting"] });
    const extractor = createFallbackExtractor(createLlmExtractor({ client, prompts }), offline, {
      onFault: (fault) => faults.push(fault),
    });
    return { extractor, offline, client };
  }

  it("answers with the LLM when it works, and keeps its name so the engine can tell a fallback", async () => {
    server.enqueue(
      fakeReply.object(
        turnOutput({
          signals: [modelSignal({ field: "need", value: "explicit", quote: "need better lead routing" })],
        }),
      ),
    );
    const { extractor, offline } = brain();
    const result = await extractor.extract(extractionInput({ text }));
    expect(extractor.name).toBe("llm:gpt-4o-mini");
    expect(result.extractor).toBe("llm:gpt-4o-mini");
    expect(offline.calls).toHaveLength(0);
    expect(faults).toEqual([]);
  });

  it.each([
    ["malformed JSON", [fakeReply.malformed()], "LLM_MALFORMED_OUTPUT"],
    ["a refusal", [fakeReply.refusal()], "LLM_REFUSAL"],
    ["JSON that breaks the schema", [fakeReply.object({ signals: "none" })], "LLM_SCHEMA_MISMATCH"],
    ["500 on every attempt", [fakeReply.serverError(), fakeReply.serverError()], "LLM_SERVER_ERROR"],
    [
      "429 on every attempt",
      [fakeReply.rateLimited({ retryAfter: 1 }), fakeReply.rateLimited({ retryAfter: 1 })],
      "LLM_RATE_LIMITED",
    ],
    ["a hang past the timeout on every attempt", [fakeReply.hang(), fakeReply.hang()], "LLM_TIMEOUT"],
  ])("returns the offline result after %s and reports the fault", async (_name, replies, code) => {
    server.enqueue(...replies);
    const { extractor, offline } = brain();
    const result = await extractor.extract(extractionInput({ text }));
    expect(result).toMatchObject({ extractor: "offline", signals: [offlineSignal], intents: ["greeting"] });
    expect(offline.calls).toHaveLength(1);
    expect(faults.map((fault) => [fault.code, fault.extractor])).toEqual([[code, "llm:gpt-4o-mini"]]);
    server.verify();
  });

  it("still accounts for the tokens a bad answer cost", async () => {
    server.enqueue(fakeReply.malformed());
    const { extractor } = brain();
    const result = await extractor.extract(extractionInput({ text }));
    expect(result.extractor).toBe("offline");
    expect(result.usage?.promptTokens).toBe(server.requests[0]!.promptTokens);
    expect(result.usage?.costUsd).toBeGreaterThan(0);
  });

  it("answers offline at once while the circuit is open", async () => {
    server.enqueue(
      fakeReply.serverError(),
      fakeReply.serverError(),
      fakeReply.serverError(),
      fakeReply.serverError(),
    );
    const { extractor, client } = brain({ failureThreshold: 2 });
    await extractor.extract(extractionInput({ text }));
    await extractor.extract(extractionInput({ text }));
    expect(client.state).toBe("open");
    const result = await extractor.extract(extractionInput({ text }));
    expect(result.extractor).toBe("offline");
    expect(faults.map((fault) => fault.code)).toEqual([
      "LLM_SERVER_ERROR",
      "LLM_SERVER_ERROR",
      "LLM_CIRCUIT_OPEN",
    ]);
    expect(server.requests).toHaveLength(4);
  });

  it("treats a malformed result from the primary as a fault", async () => {
    const broken: Extractor = {
      name: "llm:broken",
      extract: async () =>
        ({ signals: [{ field: "budget" }], intents: [], extractor: "llm:broken" }) as never,
    };
    const offline = scriptedExtractor("offline", { signals: [], intents: [] });
    const result = await createFallbackExtractor(broken, offline, {
      onFault: (fault) => faults.push(fault),
    }).extract(extractionInput({ text }));
    expect(result.extractor).toBe("offline");
    expect(faults.map((fault) => fault.code)).toEqual(["EXTRACTION_INVALID_RESULT"]);
  });

  it("answers even when fault reporting itself throws", async () => {
    const failing: Extractor = {
      name: "llm:down",
      extract: async () => {
        throw new Error("boom");
      },
    };
    const offline = scriptedExtractor("offline", { signals: [], intents: [] });
    const extractor = createFallbackExtractor(failing, offline, {
      onFault: () => {
        throw new Error("logger down");
      },
    });
    await expect(extractor.extract(extractionInput({ text }))).resolves.toMatchObject({
      extractor: "offline",
    });
  });
});

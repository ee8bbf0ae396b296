import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type CircuitState, withCircuitBreaker } from "../../src/llm/circuit-breaker.js";
import type { LlmClient } from "../../src/llm/llm-client.js";
import { createOpenAiClient } from "../../src/llm/openai-client.js";
import { fakeReply } from "../fakes/openai-server.js";
import { useFakeOpenAiServer } from "../helpers/fake-openai.js";
import { cityRequest, createFakeTiming } from "./fixtures.js";

const request = cityRequest(z.object({ city: z.string() }));
const munich = fakeReply.object({ city: "Munich" });

describe("circuit breaker around the real openai client", () => {
  const server = useFakeOpenAiServer();
  let adapter: LlmClient;
  beforeEach(async () => {
    adapter = createOpenAiClient({ apiKey: "test-key", baseURL: server.baseURL, model: "gpt-4o-mini" });
  });

  function breaker() {
    const clock = createFakeTiming();
    const changes: CircuitState[] = [];
    const client = withCircuitBreaker(
      adapter,
      { failureThreshold: 3, cooldownMs: 10_000 },
      { timing: clock.timing, onStateChange: (state) => changes.push(state) },
    );
    return { client, clock, changes };
  }

  it("opens after consecutive failures and then fails fast without calling the model", async () => {
    server.enqueue(fakeReply.serverError(), fakeReply.serverError(), fakeReply.malformed());
    const { client, changes } = breaker();
    for (let call = 0; call < 3; call++) expect((await client.generateObject(request())).ok).toBe(false);
    expect(client.state).toBe("open");
    const skipped = await client.generateObject(request());
    expect(!skipped.ok && skipped.error.code).toBe("LLM_CIRCUIT_OPEN");
    expect(server.requests).toHaveLength(3);
    expect(changes).toEqual(["open"]);
  });

  it("a success in between resets the count", async () => {
    server.enqueue(
      fakeReply.serverError(),
      fakeReply.serverError(),
      munich,
      fakeReply.serverError(),
      fakeReply.serverError(),
    );
    const { client } = breaker();
    for (let call = 0; call < 5; call++) await client.generateObject(request());
    expect(client.state).toBe("closed");
  });

  it("half-opens after the cooldown: a successful trial call closes it", async () => {
    server.enqueue(fakeReply.serverError(), fakeReply.serverError(), fakeReply.serverError(), munich, munich);
    const { client, clock, changes } = breaker();
    for (let call = 0; call < 3; call++) await client.generateObject(request());
    clock.advance(9_999);
    expect(client.state).toBe("open");
    clock.advance(1);
    expect(client.state).toBe("half_open");
    const trial = await client.generateObject(request());
    expect(trial.ok).toBe(true);
    expect(client.state).toBe("closed");
    expect((await client.generateObject(request())).ok).toBe(true);
    expect(changes).toEqual(["open", "half_open", "closed"]);
    server.verify();
  });

  it("a failed trial opens it again for a full cooldown", async () => {
    server.enqueue(
      fakeReply.serverError(),
      fakeReply.serverError(),
      fakeReply.serverError(),
      fakeReply.serverError(),
      munich,
    );
    const { client, clock } = breaker();
    for (let call = 0; call < 3; call++) await client.generateObject(request());
    clock.advance(10_000);
    expect((await client.generateObject(request())).ok).toBe(false);
    expect(client.state).toBe("open");
    clock.advance(5_000);
    const skipped = await client.generateObject(request());
    expect(!skipped.ok && skipped.error.code).toBe("LLM_CIRCUIT_OPEN");
    clock.advance(5_000);
    expect((await client.generateObject(request())).ok).toBe(true);
    expect(client.state).toBe("closed");
    expect(server.requests).toHaveLength(5);
  });

  it("lets only one trial through while half-open", async () => {
    server.enqueue(
      fakeReply.serverError(),
      fakeReply.serverError(),
      fakeReply.serverError(),
      fakeReply.object({ city: "Munich" }, { delayMs: 50 }),
    );
    const { client, clock } = breaker();
    for (let call = 0; call < 3; call++) await client.generateObject(request());
    clock.advance(10_000);
    const [trial, concurrent] = await Promise.all([
      client.generateObject(request()),
      client.generateObject(request()),
    ]);
    expect(trial.ok).toBe(true);
    expect(!concurrent.ok && concurrent.error.code).toBe("LLM_CIRCUIT_OPEN");
    expect(server.requests).toHaveLength(4);
  });

  it("does not count calls the caller cancelled", async () => {
    server.enqueue(fakeReply.hang(), fakeReply.hang(), fakeReply.hang());
    const { client } = breaker();
    for (let call = 0; call < 3; call++) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);
      const result = await client.generateObject(request(controller.signal));
      expect(!result.ok && result.error.code).toBe("LLM_ABORTED");
    }
    expect(client.state).toBe("closed");
  });
});

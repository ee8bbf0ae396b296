import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { LlmClient } from "../../src/llm/llm-client.js";
import { createOpenAiClient } from "../../src/llm/openai-client.js";
import {
  backoffDelay,
  defaultRetryOptions,
  type RetryEvent,
  withRetries,
} from "../../src/llm/retrying-client.js";
import { fakeReply } from "../fakes/openai-server.js";
import { useFakeOpenAiServer } from "../helpers/fake-openai.js";
import { cityRequest, createFakeTiming } from "./fixtures.js";

const Answer = z.object({ city: z.string() });
const request = cityRequest(Answer);
const munich = fakeReply.object({ city: "Munich" });

describe("retries with backoff around the real openai client", () => {
  const server = useFakeOpenAiServer();
  let adapter: LlmClient;
  beforeEach(async () => {
    adapter = createOpenAiClient({ apiKey: "test-key", baseURL: server.baseURL, model: "gpt-4o-mini" });
  });

  it("waits what a 429's Retry-After asks (seconds), then succeeds", async () => {
    server.enqueue(fakeReply.rateLimited({ retryAfter: 2 }), munich);
    const clock = createFakeTiming();
    const retries: RetryEvent[] = [];
    const client = withRetries(
      adapter,
      {},
      { timing: clock.timing, onRetry: (event) => retries.push(event) },
    );
    const result = await client.generateObject(request());
    expect(result.ok && result.value).toEqual({ city: "Munich" });
    expect(clock.sleeps).toEqual([2000]);
    expect(retries.map((event) => [event.attempt, event.error.code])).toEqual([[1, "LLM_RATE_LIMITED"]]);
    server.verify();
  });

  it("honours Retry-After given as an HTTP date", async () => {
    const inFiveSeconds = new Date(Date.now() + 5_000).toUTCString();
    server.enqueue(fakeReply.rateLimited({ retryAfter: inFiveSeconds }), munich);
    const clock = createFakeTiming();
    const result = await withRetries(adapter, {}, { timing: clock.timing }).generateObject(request());
    expect(result.ok).toBe(true);
    // An HTTP date has one-second resolution and the request took a moment.
    expect(clock.sleeps[0]).toBeGreaterThan(3_000);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(5_000);
  });

  it("caps a Retry-After longer than a chat can wait", async () => {
    server.enqueue(fakeReply.rateLimited({ retryAfter: 3600 }), munich);
    const clock = createFakeTiming();
    await withRetries(adapter, { maxRetryAfterMs: 4_000 }, { timing: clock.timing }).generateObject(
      request(),
    );
    expect(clock.sleeps).toEqual([4_000]);
  });

  it("backs off exponentially on 500s and gives up after the last attempt", async () => {
    server.enqueue(fakeReply.serverError(), fakeReply.serverError(502), fakeReply.serverError(503));
    const clock = createFakeTiming();
    const result = await withRetries(
      adapter,
      { maxAttempts: 3, baseDelayMs: 100 },
      { timing: clock.timing },
    ).generateObject(request());
    expect(!result.ok && result.error.code).toBe("LLM_SERVER_ERROR");
    expect(!result.ok && "status" in result.error && result.error.status).toBe(503);
    // Equal jitter with random() = 0.5: 3/4 of 100, then 3/4 of 200.
    expect(clock.sleeps).toEqual([75, 150]);
    expect(server.requests).toHaveLength(3);
  });

  it("times out a hanging attempt and retries it", async () => {
    server.enqueue(fakeReply.hang(), munich);
    const clock = createFakeTiming();
    const retries: RetryEvent[] = [];
    const client = withRetries(
      adapter,
      { timeoutMs: 150 },
      { timing: clock.timing, onRetry: (event) => retries.push(event) },
    );
    const result = await client.generateObject(request());
    expect(result.ok && result.value).toEqual({ city: "Munich" });
    expect(retries.map((event) => event.error.code)).toEqual(["LLM_TIMEOUT"]);
    expect(server.requests).toHaveLength(2);
  });

  it("reports a timeout when every attempt hangs", async () => {
    server.enqueue(fakeReply.hang(), fakeReply.hang());
    const clock = createFakeTiming();
    const result = await withRetries(
      adapter,
      { timeoutMs: 100, maxAttempts: 2 },
      { timing: clock.timing },
    ).generateObject(request());
    expect(!result.ok && result.error.code).toBe("LLM_TIMEOUT");
  });

  it("does not retry bad output or rejected requests", async () => {
    server.enqueue(fakeReply.malformed(), fakeReply.error(400, "bad request"));
    const clock = createFakeTiming();
    const client = withRetries(adapter, {}, { timing: clock.timing });
    expect((await client.generateObject(request())).ok).toBe(false);
    expect((await client.generateObject(request())).ok).toBe(false);
    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([]);
  });

  it("stops retrying once the caller has cancelled", async () => {
    server.enqueue(fakeReply.serverError());
    const controller = new AbortController();
    const clock = createFakeTiming();
    const client = withRetries(adapter, {}, { timing: clock.timing, onRetry: () => controller.abort() });
    const result = await client.generateObject(request(controller.signal));
    expect(!result.ok && result.error.code).toBe("LLM_ABORTED");
    expect(server.requests).toHaveLength(1);
  });
});

describe("backoffDelay", () => {
  it.each([
    [1, 0, 250],
    [1, 0.999, 500],
    [2, 0, 500],
    [4, 1, 4000],
    [10, 1, defaultRetryOptions.maxDelayMs],
    [10, 0, defaultRetryOptions.maxDelayMs / 2],
  ])("attempt %i with random %d waits %i ms", (attempt, random, expected) => {
    expect(backoffDelay(attempt, defaultRetryOptions, random)).toBe(expected);
  });
});

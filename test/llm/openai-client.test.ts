import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LlmOutputError, LlmRequestError } from "../../src/llm/llm-errors.js";
import { createOpenAiClient } from "../../src/llm/openai-client.js";
import { fakeReply } from "../fakes/openai-server.js";
import { useFakeOpenAiServer } from "../helpers/fake-openai.js";
import { cityRequest } from "./fixtures.js";

const Answer = z.object({ city: z.string(), population: z.number().nullable() });
const request = cityRequest(Answer, { system: "Answer in JSON." });

describe("openai client against an OpenAI-compatible server", () => {
  const server = useFakeOpenAiServer();
  const client = () =>
    createOpenAiClient({ apiKey: "test-key", baseURL: server.baseURL, model: "gpt-4o-mini" });

  it("returns the schema-checked object with the usage the server reported", async () => {
    server.enqueue(
      fakeReply.object({ city: "Munich", population: 1_500_000 }, { model: "gpt-4o-mini-2024-07-18" }),
    );
    const result = await client().generateObject(request());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({ city: "Munich", population: 1_500_000 });
    expect(result.usage.model).toBe("gpt-4o-mini-2024-07-18");
    expect(result.usage.promptTokens).toBe(server.requests[0]!.promptTokens);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(JSON.parse(result.raw)).toEqual(result.value);
  });

  it("sends a strict JSON schema response format, the messages and the configured model", async () => {
    server.enqueue(fakeReply.object({ city: "Munich", population: null }));
    await client().generateObject(request());
    const body = server.requests[0]!.body;
    expect(body.model).toBe("gpt-4o-mini");
    expect(body.messages).toEqual(request().messages);
    expect(body.response_format?.type).toBe("json_schema");
    expect(body.response_format?.json_schema?.name).toBe("answer");
    expect(body.response_format?.json_schema?.strict).toBe(true);
    expect(body.response_format?.json_schema?.schema).toMatchObject({
      required: ["city", "population"],
      additionalProperties: false,
    });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer test-key");
  });

  it("reports malformed JSON as an output error keeping the raw text and prompt id", async () => {
    server.enqueue(fakeReply.malformed('{"city": "Mun'));
    const result = await client().generateObject(request());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(LlmOutputError);
    expect(result.error.code).toBe("LLM_MALFORMED_OUTPUT");
    expect((result.error as LlmOutputError).raw).toBe('{"city": "Mun');
    expect(result.error.promptId).toBe("test.v1");
    expect((result.error as LlmOutputError).usage?.completionTokens).toBeGreaterThan(0);
  });

  it("reports JSON that breaks the schema as a schema mismatch", async () => {
    server.enqueue(fakeReply.object({ city: 42 }));
    const result = await client().generateObject(request());
    expect(!result.ok && result.error.code).toBe("LLM_SCHEMA_MISMATCH");
  });

  it("reports a refusal with its text", async () => {
    server.enqueue(fakeReply.refusal("I can't help with that."));
    const result = await client().generateObject(request());
    expect(!result.ok && result.error.code).toBe("LLM_REFUSAL");
    expect(!result.ok && (result.error as LlmOutputError).raw).toBe("I can't help with that.");
  });

  it("reports a cut-off answer as truncated rather than malformed", async () => {
    server.enqueue(fakeReply.content('{"city": "Mu', { finishReason: "length" }));
    const result = await client().generateObject(request());
    expect(!result.ok && result.error.code).toBe("LLM_TRUNCATED");
  });

  it("does not retry by itself: a 429 comes back once, with the server's Retry-After", async () => {
    server.enqueue(fakeReply.rateLimited({ retryAfter: 7 }));
    const result = await client().generateObject(request());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(LlmRequestError);
    expect(result.error.code).toBe("LLM_RATE_LIMITED");
    expect((result.error as LlmRequestError).retryAfterMs).toBe(7000);
    expect(result.error.retryable).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it("maps 5xx to a retryable server error and 4xx to a non-retryable rejection", async () => {
    server.enqueue(fakeReply.serverError(503), fakeReply.error(401, "Incorrect API key provided"));
    const first = await client().generateObject(request());
    const second = await client().generateObject(request());
    expect(!first.ok && [first.error.code, first.error.retryable]).toEqual(["LLM_SERVER_ERROR", true]);
    expect(!second.ok && [second.error.code, second.error.retryable]).toEqual([
      "LLM_REQUEST_REJECTED",
      false,
    ]);
    expect(server.requests).toHaveLength(2);
  });

  it("stops waiting when the caller aborts a hanging request", async () => {
    server.enqueue(fakeReply.hang());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await client().generateObject(request(controller.signal));
    expect(!result.ok && result.error.code).toBe("LLM_ABORTED");
  });

  it("fails loudly when called more often than scripted", async () => {
    server.enqueue(fakeReply.object({ city: "Munich", population: null }));
    await client().generateObject(request());
    const extra = await client().generateObject(request());
    expect(!extra.ok && extra.error.code).toBe("LLM_REQUEST_REJECTED");
    expect(() => server.verify()).toThrow(/unscripted request/);
    await expect(server.close()).rejects.toThrow(/unscripted/);
  });
});

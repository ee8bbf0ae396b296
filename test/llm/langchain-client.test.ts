import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createChatOpenAiModel, createLangChainClient } from "../../src/llm/langchain-client.js";
import type { LlmOutputError, LlmRequestError } from "../../src/llm/llm-errors.js";
import { fakeReply } from "../fakes/openai-server.js";
import { useFakeOpenAiServer } from "../helpers/fake-openai.js";
import { cityRequest } from "./fixtures.js";

const Answer = z.object({ city: z.string(), population: z.number().nullable() });
const request = cityRequest(Answer, { system: "Answer in JSON." });

describe("LangChain client (ChatOpenAI) against an OpenAI-compatible server", () => {
  const server = useFakeOpenAiServer();
  const client = () =>
    createLangChainClient({
      chatModel: createChatOpenAiModel({ apiKey: "test-key", baseURL: server.baseURL, model: "gpt-4o-mini" }),
      model: "gpt-4o-mini",
    });

  it("returns the schema-checked object and the token usage", async () => {
    server.enqueue(fakeReply.object({ city: "Munich", population: 1_500_000 }));
    const result = await client().generateObject(request());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({ city: "Munich", population: 1_500_000 });
    expect(result.usage.promptTokens).toBe(server.requests[0]!.promptTokens);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.usage.model).toBe("gpt-4o-mini");
  });

  it("sends the messages with a strict JSON schema response format", async () => {
    server.enqueue(fakeReply.object({ city: "Munich", population: null }));
    await client().generateObject(request());
    const body = server.requests[0]!.body;
    expect(body.messages?.map((message) => message.role)).toEqual(["system", "user"]);
    expect(body.messages?.[1]?.content).toBe("Largest city in Bavaria?");
    expect(body.response_format?.type).toBe("json_schema");
    expect(body.response_format?.json_schema?.strict).toBe(true);
  });

  it("reports malformed JSON as an output error naming the prompt", async () => {
    server.enqueue(fakeReply.malformed('{"city": "Mun'));
    const result = await client().generateObject(request());
    expect(!result.ok && result.error.code).toBe("LLM_MALFORMED_OUTPUT");
    expect(!result.ok && result.error.promptId).toBe("test.v1");
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

  it("leaves retries to our wrapper: one request per 429, with Retry-After read", async () => {
    server.enqueue(fakeReply.rateLimited({ retryAfter: 3 }));
    const result = await client().generateObject(request());
    expect(!result.ok && result.error.code).toBe("LLM_RATE_LIMITED");
    expect(!result.ok && (result.error as LlmRequestError).retryAfterMs).toBe(3000);
    expect(server.requests).toHaveLength(1);
  });

  it("maps a 500 to a retryable server error after one request", async () => {
    server.enqueue(fakeReply.serverError());
    const result = await client().generateObject(request());
    expect(!result.ok && [result.error.code, result.error.retryable]).toEqual(["LLM_SERVER_ERROR", true]);
    expect(server.requests).toHaveLength(1);
  });

  it("stops waiting when the caller aborts a hanging request", async () => {
    server.enqueue(fakeReply.hang());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await client().generateObject(request(controller.signal));
    expect(!result.ok && result.error.code).toBe("LLM_ABORTED");
  });
});

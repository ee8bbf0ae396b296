import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { z } from "zod";
import type { GenerateObjectRequest, GenerateObjectResult, LlmClient, LlmUsage } from "./llm-client.js";
import { LlmOutputError } from "./llm-errors.js";
import { parseModelOutput } from "./parse-model-output.js";
import { toLlmError } from "./provider-errors.js";

export interface OpenAiClientOptions {
  apiKey: string;
  /** Any OpenAI-compatible server (OPENAI_BASE_URL); OpenAI's when absent. */
  baseURL?: string;
  model: string;
  /** Backstop for one HTTP request; the retry wrapper's per-attempt timeout is normally shorter. */
  requestTimeoutMs?: number;
  /** Caps spend per call; unset by default because reasoning models spend part of it thinking. */
  maxCompletionTokens?: number;
  temperature?: number;
  /** An already-built SDK client (custom fetch, proxies); must have `maxRetries: 0`. */
  sdk?: OpenAI;
}

/** The openai SDK adapter: Chat Completions with a strict JSON-schema response format. */
export function createOpenAiClient(options: OpenAiClientOptions): LlmClient {
  const sdk =
    options.sdk ??
    new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      // Our retry wrapper is the only one: it honours Retry-After, the circuit breaker and the clock.
      maxRetries: 0,
      timeout: options.requestTimeoutMs ?? 60_000,
    });
  const model = options.model;

  async function generateObject<Schema extends z.ZodType>(
    request: GenerateObjectRequest<Schema>,
  ): Promise<GenerateObjectResult<z.infer<Schema>>> {
    const { promptId, signal } = request;
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await sdk.chat.completions.create(
        {
          model,
          messages: request.messages,
          response_format: zodResponseFormat(request.schema, request.schemaName),
          ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
          ...(options.maxCompletionTokens !== undefined
            ? { max_completion_tokens: options.maxCompletionTokens }
            : {}),
        },
        { signal, maxRetries: 0 },
      );
    } catch (error) {
      return { ok: false, error: toLlmError(error, { promptId, signal, nowMs: Date.now() }) };
    }

    const usage: LlmUsage = {
      model: completion.model || model,
      promptTokens: completion.usage?.prompt_tokens ?? 0,
      completionTokens: completion.usage?.completion_tokens ?? 0,
    };
    const choice = completion.choices[0];
    const raw = choice?.message.content ?? "";
    const fail = (code: LlmOutputError["code"], message: string, text = raw) => ({
      ok: false as const,
      error: new LlmOutputError(code, message, { promptId, raw: text, usage }),
    });
    if (!choice) return fail("LLM_EMPTY_OUTPUT", "model returned no choices");
    if (choice.message.refusal) return fail("LLM_REFUSAL", "model refused to answer", choice.message.refusal);
    if (choice.finish_reason === "length")
      return fail("LLM_TRUNCATED", "model output was cut off (length limit)");
    if (choice.finish_reason === "content_filter")
      return fail("LLM_CONTENT_FILTERED", "model output was withheld by the content filter");
    return parseModelOutput(request.schema, raw, { promptId, usage });
  }

  return { model, generateObject };
}

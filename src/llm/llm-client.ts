import type { z } from "zod";
import type { LlmError } from "./llm-errors.js";

/** A chat message as every provider understands it. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface LlmUsage {
  /** The model that answered (the server's name for it when it reports one). */
  model: string;
  promptTokens: number;
  completionTokens: number;
}

export interface GenerateObjectRequest<Schema extends z.ZodType> {
  /** What the answer must satisfy; providers get it as a strict JSON schema and the answer is checked against it. */
  schema: Schema;
  /** Name of the schema as sent to the provider (letters, digits, `_`, `-`). */
  schemaName: string;
  messages: ChatMessage[];
  signal?: AbortSignal;
  /** Which prompt produced these messages; carried into errors for debugging. */
  promptId: string;
}

export type GenerateObjectResult<Value> =
  | { ok: true; value: Value; usage: LlmUsage; raw: string }
  | { ok: false; error: LlmError };

/**
 * The one thing qualbot asks of a language model: a schema-valid object for a conversation.
 * Adapters (openai SDK, LangChain) implement it; retries and the circuit breaker wrap it.
 * Expected failures (bad output, rate limits, timeouts) are results, never throws.
 */
export interface LlmClient {
  /** The configured model name (for pricing and provenance). */
  readonly model: string;
  generateObject<Schema extends z.ZodType>(
    request: GenerateObjectRequest<Schema>,
  ): Promise<GenerateObjectResult<z.infer<Schema>>>;
}

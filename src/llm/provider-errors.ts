import { LlmError, LlmOutputError, LlmRequestError } from "./llm-errors.js";
import { parseRetryAfter } from "./retry-after.js";

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  status?: unknown;
  headers?: unknown;
  issues?: unknown;
  constructor?: { name?: string };
}

function shapeOf(error: unknown): ErrorShape {
  return typeof error === "object" && error !== null ? (error as ErrorShape) : {};
}

function hasGet(headers: unknown): headers is { get(name: string): string | null } {
  return (
    typeof headers === "object" &&
    headers !== null &&
    typeof (headers as { get?: unknown }).get === "function"
  );
}

/**
 * Map whatever a provider SDK threw (openai's APIError family, LangChain's wrappers of them,
 * fetch and parser errors) to one typed error. Matched by shape and name, not class identity,
 * because LangChain may bundle its own copy of the openai SDK.
 */
export function toLlmError(
  error: unknown,
  context: { promptId: string; signal?: AbortSignal; nowMs: number },
): LlmError {
  const { promptId } = context;
  if (error instanceof LlmError) return error;
  if (context.signal?.aborted)
    return new LlmRequestError("LLM_ABORTED", "the call was cancelled", {
      promptId,
      cause: context.signal.reason ?? error,
    });

  const shape = shapeOf(error);
  const name = typeof shape.name === "string" ? shape.name : (shape.constructor?.name ?? "");
  const message = typeof shape.message === "string" ? shape.message : String(error);
  const status = typeof shape.status === "number" ? shape.status : undefined;

  if (status !== undefined) {
    const retryAfterMs = hasGet(shape.headers) ? parseRetryAfter(shape.headers, context.nowMs) : undefined;
    const options = { promptId, cause: error, status, retryAfterMs };
    if (status === 429)
      return new LlmRequestError("LLM_RATE_LIMITED", `rate limited (HTTP 429): ${message}`, options);
    if (status === 408)
      return new LlmRequestError("LLM_TIMEOUT", `server timed out (HTTP 408): ${message}`, options);
    if (status >= 500)
      return new LlmRequestError("LLM_SERVER_ERROR", `server error (HTTP ${status}): ${message}`, options);
    return new LlmRequestError(
      "LLM_REQUEST_REJECTED",
      `request rejected (HTTP ${status}): ${message}`,
      options,
    );
  }
  if (name === "APIConnectionTimeoutError" || name === "TimeoutError")
    return new LlmRequestError("LLM_TIMEOUT", `request timed out: ${message}`, { promptId, cause: error });
  if (name === "AbortError" || name === "APIUserAbortError")
    return new LlmRequestError("LLM_ABORTED", "the call was cancelled", { promptId, cause: error });
  // The openai SDK parses structured output itself when LangChain calls `.parse()`; its failures surface here.
  if (name === "SyntaxError")
    return new LlmOutputError("LLM_MALFORMED_OUTPUT", `model output is not JSON: ${message}`, {
      promptId,
      raw: message,
      cause: error,
    });
  if (name === "ZodError" || Array.isArray(shape.issues))
    return new LlmOutputError("LLM_SCHEMA_MISMATCH", "model output does not match the schema", {
      promptId,
      raw: message,
      cause: error,
    });
  if (name === "LengthFinishReasonError")
    return new LlmOutputError("LLM_TRUNCATED", "model output was cut off (length limit)", {
      promptId,
      raw: "",
      cause: error,
    });
  if (name === "ContentFilterFinishReasonError")
    return new LlmOutputError("LLM_CONTENT_FILTERED", "model output was withheld by the content filter", {
      promptId,
      raw: "",
      cause: error,
    });
  if (
    name === "APIConnectionError" ||
    (error instanceof TypeError && /fetch failed|network|socket/i.test(message))
  )
    return new LlmRequestError("LLM_NETWORK", `connection failed: ${message}`, { promptId, cause: error });
  return new LlmRequestError("LLM_UNEXPECTED", `unexpected failure: ${message}`, { promptId, cause: error });
}

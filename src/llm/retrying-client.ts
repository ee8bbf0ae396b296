import type { z } from "zod";
import type { GenerateObjectRequest, GenerateObjectResult, LlmClient } from "./llm-client.js";
import { type LlmError, LlmRequestError } from "./llm-errors.js";
import { systemTiming, type Timing } from "./timing.js";

export interface RetryOptions {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Each attempt is cancelled after this long and counts as a timeout (retryable). */
  timeoutMs: number;
  /** Backoff before the second attempt; doubles each time, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server's `Retry-After` is honoured up to this; a live chat cannot wait minutes. */
  maxRetryAfterMs: number;
}

export const defaultRetryOptions: RetryOptions = {
  maxAttempts: 3,
  timeoutMs: 20_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 10_000,
};

export interface RetryEvent {
  /** The attempt that failed (1-based). */
  attempt: number;
  error: LlmError;
  /** How long we wait before the next attempt. */
  delayMs: number;
}

/** Exponential backoff with "equal jitter": half fixed, half random, so clients do not retry in lockstep. */
export function backoffDelay(attempt: number, options: RetryOptions, random: number): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random);
}

function delayFor(error: LlmError, attempt: number, options: RetryOptions, timing: Timing): number {
  const asked = error instanceof LlmRequestError ? error.retryAfterMs : undefined;
  if (asked !== undefined) return Math.min(Math.max(asked, 0), options.maxRetryAfterMs);
  return backoffDelay(attempt, options, timing.random());
}

/**
 * Per-attempt timeout and retries on rate limits, 5xx, timeouts and dropped connections.
 * Output errors are not retried: the fallback answers the prospect faster than a second try.
 */
export function withRetries(
  client: LlmClient,
  options: Partial<RetryOptions> = {},
  deps: { timing?: Timing; onRetry?: (event: RetryEvent) => void } = {},
): LlmClient {
  const settings = { ...defaultRetryOptions, ...options };
  const timing = deps.timing ?? systemTiming;

  async function attemptOnce<Schema extends z.ZodType>(
    request: GenerateObjectRequest<Schema>,
  ): Promise<GenerateObjectResult<z.infer<Schema>>> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error("attempt timed out")), settings.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    try {
      const result = await client.generateObject({ ...request, signal });
      if (
        !result.ok &&
        result.error.code === "LLM_ABORTED" &&
        timeout.signal.aborted &&
        !request.signal?.aborted
      )
        return {
          ok: false,
          error: new LlmRequestError("LLM_TIMEOUT", `no answer within ${settings.timeoutMs} ms`, {
            promptId: request.promptId,
            cause: result.error,
          }),
        };
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  async function generateObject<Schema extends z.ZodType>(
    request: GenerateObjectRequest<Schema>,
  ): Promise<GenerateObjectResult<z.infer<Schema>>> {
    for (let attempt = 1; ; attempt++) {
      const result = await attemptOnce(request);
      if (result.ok || !result.error.retryable || attempt >= settings.maxAttempts) return result;
      const delayMs = delayFor(result.error, attempt, settings, timing);
      deps.onRetry?.({ attempt, error: result.error, delayMs });
      await timing.sleep(delayMs, request.signal);
      if (request.signal?.aborted)
        return {
          ok: false,
          error: new LlmRequestError("LLM_ABORTED", "the call was cancelled", {
            promptId: request.promptId,
            cause: result.error,
          }),
        };
    }
  }

  return { model: client.model, generateObject };
}

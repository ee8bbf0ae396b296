import type { LlmUsage } from "./llm-client.js";

/** Why a model call failed. Transport codes may be retried; output codes mean the model answered badly. */
export type LlmRequestErrorCode =
  | "LLM_RATE_LIMITED"
  | "LLM_SERVER_ERROR"
  | "LLM_TIMEOUT"
  | "LLM_NETWORK"
  | "LLM_ABORTED"
  | "LLM_REQUEST_REJECTED"
  | "LLM_CIRCUIT_OPEN"
  | "LLM_UNEXPECTED";

export type LlmOutputErrorCode =
  | "LLM_MALFORMED_OUTPUT"
  | "LLM_SCHEMA_MISMATCH"
  | "LLM_REFUSAL"
  | "LLM_EMPTY_OUTPUT"
  | "LLM_TRUNCATED"
  | "LLM_CONTENT_FILTERED";

export type LlmErrorCode = LlmRequestErrorCode | LlmOutputErrorCode;

const retryableCodes: ReadonlySet<LlmErrorCode> = new Set([
  "LLM_RATE_LIMITED",
  "LLM_SERVER_ERROR",
  "LLM_TIMEOUT",
  "LLM_NETWORK",
]);

export abstract class LlmError extends Error {
  abstract readonly code: LlmErrorCode;
  /** The prompt whose call failed. */
  readonly promptId: string;

  constructor(message: string, options: { promptId: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.promptId = options.promptId;
  }

  /** Worth another attempt: the server may answer next time (rate limit, 5xx, timeout, dropped connection). */
  get retryable(): boolean {
    return retryableCodes.has(this.code);
  }
}

/** The request did not produce an answer (HTTP error, timeout, connection, open circuit). */
export class LlmRequestError extends LlmError {
  readonly code: LlmRequestErrorCode;
  /** HTTP status when the server answered. */
  readonly status?: number;
  /** How long the server asked us to wait before retrying (from `Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(
    code: LlmRequestErrorCode,
    message: string,
    options: { promptId: string; cause?: unknown; status?: number; retryAfterMs?: number },
  ) {
    super(message, options);
    this.name = "LlmRequestError";
    this.code = code;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The model answered, but not with a usable object. Keeps the raw text to debug the prompt. */
export class LlmOutputError extends LlmError {
  readonly code: LlmOutputErrorCode;
  /** What the model sent back (refusal text for refusals). */
  readonly raw: string;
  /** Tokens the failed answer still cost, when the provider reported them. */
  readonly usage?: LlmUsage;

  constructor(
    code: LlmOutputErrorCode,
    message: string,
    options: { promptId: string; raw: string; cause?: unknown; usage?: LlmUsage },
  ) {
    super(message, options);
    this.name = "LlmOutputError";
    this.code = code;
    this.raw = options.raw;
    this.usage = options.usage;
  }
}

export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}

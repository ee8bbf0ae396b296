import type { z } from "zod";
import type { GenerateObjectRequest, GenerateObjectResult, LlmClient } from "./llm-client.js";
import { LlmRequestError } from "./llm-errors.js";
import { systemTiming, type Timing } from "./timing.js";

export type CircuitState = "closed" | "open" | "half_open";

export interface CircuitBreakerOptions {
  /** Consecutive failed calls (after retries) that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  cooldownMs: number;
}

export const defaultCircuitBreakerOptions: CircuitBreakerOptions = {
  failureThreshold: 5,
  cooldownMs: 30_000,
};

export interface CircuitBreakerClient extends LlmClient {
  readonly state: CircuitState;
}

/**
 * Stops calling a model that keeps failing, so prospects get the offline answer at once instead
 * of waiting for timeouts. After the cooldown a single trial call decides: success closes the
 * circuit, failure opens it for another cooldown. A cancelled call says nothing about the model.
 */
export function withCircuitBreaker(
  client: LlmClient,
  options: Partial<CircuitBreakerOptions> = {},
  deps: { timing?: Timing; onStateChange?: (state: CircuitState) => void } = {},
): CircuitBreakerClient {
  const settings = { ...defaultCircuitBreakerOptions, ...options };
  const timing = deps.timing ?? systemTiming;
  let state: CircuitState = "closed";
  let consecutiveFailures = 0;
  let openedAt = 0;
  let trialInFlight = false;

  const moveTo = (next: CircuitState) => {
    if (next === state) return;
    state = next;
    deps.onStateChange?.(next);
  };

  async function generateObject<Schema extends z.ZodType>(
    request: GenerateObjectRequest<Schema>,
  ): Promise<GenerateObjectResult<z.infer<Schema>>> {
    if (state === "open" && timing.now() - openedAt >= settings.cooldownMs) moveTo("half_open");
    const isTrial = state === "half_open" && !trialInFlight;
    if (state === "open" || (state === "half_open" && !isTrial)) {
      const error = new LlmRequestError(
        "LLM_CIRCUIT_OPEN",
        "the model is failing; skipped until the cooldown ends",
        {
          promptId: request.promptId,
        },
      );
      return { ok: false, error };
    }
    if (isTrial) trialInFlight = true;
    try {
      const result = await client.generateObject(request);
      if (result.ok) {
        consecutiveFailures = 0;
        moveTo("closed");
      } else if (result.error.code !== "LLM_ABORTED") {
        consecutiveFailures++;
        if (isTrial || consecutiveFailures >= settings.failureThreshold) {
          openedAt = timing.now();
          moveTo("open");
        }
      }
      return result;
    } finally {
      if (isTrial) trialInFlight = false;
    }
  }

  return {
    model: client.model,
    generateObject,
    get state() {
      // Reported as half-open once the cooldown is over, even before the next call arrives.
      return state === "open" && timing.now() - openedAt >= settings.cooldownMs ? "half_open" : state;
    },
  };
}

import type { Logger } from "../../engine/ports.js";

/** The error @slack/web-api throws for a 429 when `rejectRateLimitedCalls` is on. */
function retryAfterSeconds(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const { code, retryAfter } = error as { code?: unknown; retryAfter?: unknown };
  return code === "slack_webapi_rate_limited_error" && typeof retryAfter === "number" ? retryAfter : null;
}

export class SlackRateLimitedError extends Error {
  readonly code = "SLACK_RATE_LIMITED";
  constructor(
    readonly key: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`Slack kept rate-limiting ${key} after ${attempts} attempts`, options);
    this.name = "SlackRateLimitedError";
  }
}

export interface RateLimitGate {
  /** Runs `call`, waiting out 429s (Retry-After) for this key only; other keys go on meanwhile. */
  run<T>(key: string, call: () => Promise<T>): Promise<T>;
}

export interface RateLimitGateOptions {
  logger: Logger;
  /** Attempts per call before giving up (the first one included). */
  maxAttempts?: number;
  /** Longest single wait honoured; a longer Retry-After fails the call instead of hanging it. */
  maxWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Slack's limits are per method (and, for posting, per channel). The web client's own handling
 * pauses its whole queue on a 429, freezing every conversation; this gate instead remembers
 * "blocked until" per key (e.g. `chat.postMessage:C123`) so only calls on that key wait.
 */
export function createRateLimitGate(options: RateLimitGateOptions): RateLimitGate {
  const maxAttempts = options.maxAttempts ?? 4;
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const blockedUntil = new Map<string, number>();

  async function waitTurn(key: string) {
    for (;;) {
      const until = blockedUntil.get(key);
      if (until === undefined) return;
      const wait = until - now();
      if (wait <= 0) {
        blockedUntil.delete(key);
        return;
      }
      await sleep(wait);
    }
  }

  return {
    async run(key, call) {
      for (let attempt = 1; ; attempt++) {
        await waitTurn(key);
        try {
          return await call();
        } catch (error) {
          const seconds = retryAfterSeconds(error);
          if (seconds === null) throw error;
          const waitMs = Math.max(1, seconds) * 1000;
          if (attempt >= maxAttempts || waitMs > maxWaitMs)
            throw new SlackRateLimitedError(key, attempt, { cause: error });
          blockedUntil.set(key, Math.max(blockedUntil.get(key) ?? 0, now() + waitMs));
          options.logger.warn(
            { code: "SLACK_RATE_LIMITED", key, retryAfterSeconds: seconds, attempt },
            "Slack rate limit; waiting",
          );
        }
      }
    },
  };
}

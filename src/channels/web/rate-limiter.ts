import type { Clock } from "../../engine/ports.js";

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): RateDecision;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token bucket per key: `limit` requests at once, refilled at `limit` per `windowMs`. In memory
 * and per process (a load-balanced deployment multiplies the limit by its process count). Idle
 * buckets are dropped so a flood of distinct keys cannot grow the map without bound.
 */
export function createRateLimiter(options: {
  limit: number;
  windowMs: number;
  clock: Clock;
  maxKeys?: number;
}): RateLimiter {
  const { limit, windowMs, clock } = options;
  const maxKeys = options.maxKeys ?? 50_000;
  const refillPerMs = limit / windowMs;
  const buckets = new Map<string, Bucket>();

  function refilled(bucket: Bucket, now: number): number {
    return Math.min(limit, bucket.tokens + Math.max(0, now - bucket.updatedAt) * refillPerMs);
  }

  function prune(now: number) {
    for (const [key, bucket] of buckets) if (refilled(bucket, now) >= limit) buckets.delete(key);
    // Still full of active keys: forget the oldest (they get a fresh bucket, which errs towards
    // allowing), down to 90 % so the next prune is many requests away.
    for (const key of buckets.keys()) {
      if (buckets.size < maxKeys * 0.9) break;
      buckets.delete(key);
    }
  }

  return {
    take(key) {
      const now = clock.now().getTime();
      const existing = buckets.get(key);
      if (!existing && buckets.size >= maxKeys) prune(now);
      const bucket = existing ?? { tokens: limit, updatedAt: now };
      bucket.tokens = refilled(bucket, now);
      bucket.updatedAt = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)),
      };
    },
  };
}

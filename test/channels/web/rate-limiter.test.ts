import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../../src/channels/web/rate-limiter.js";
import { movableClock } from "./web-test-kit.js";

describe("rate limiter", () => {
  it("allows a burst of `limit`, then refills at limit per window", () => {
    const clock = movableClock();
    const limiter = createRateLimiter({ limit: 6, windowMs: 60_000, clock });
    const burst = Array.from({ length: 7 }, () => limiter.take("a"));
    expect(burst.filter((decision) => decision.ok)).toHaveLength(6);
    expect(burst[6]).toEqual({ ok: false, retryAfterSeconds: 10 });
    clock.advance(9_000);
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterSeconds: 1 });
    clock.advance(1_000);
    expect(limiter.take("a")).toEqual({ ok: true });
    expect(limiter.take("a").ok).toBe(false);
  });

  it("keeps keys independent", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, clock: movableClock() });
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("a").ok).toBe(false);
    expect(limiter.take("b").ok).toBe(true);
  });

  it("stays bounded under a flood of distinct keys without forgetting busy ones early", () => {
    const clock = movableClock();
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000, clock, maxKeys: 100 });
    limiter.take("busy");
    limiter.take("busy");
    expect(limiter.take("busy").ok).toBe(false);
    for (let index = 0; index < 50; index++) limiter.take(`visitor-${index}`);
    expect(limiter.take("busy").ok).toBe(false);
    for (let index = 0; index < 10_000; index++) limiter.take(`flood-${index}`);
    // Bounded: old keys were dropped, so this one starts fresh rather than growing the map forever.
    expect(limiter.take("visitor-0").ok).toBe(true);
  });
});

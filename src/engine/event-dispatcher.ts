import { createPollLoop } from "./poll-loop.js";
import type { Clock, EventOutbox, LeadEventSink, Logger } from "./ports.js";

export interface EventDispatcherOptions {
  outbox: EventOutbox;
  sinks: ReadonlyMap<string, LeadEventSink>;
  clock: Clock;
  logger: Logger;
  /** How often to look for due deliveries when nothing nudges. */
  pollMs?: number;
  /** Attempts before a delivery is dead-lettered. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claimed delivery is reserved for this instance. */
  leaseMs?: number;
  batchSize?: number;
  random?: () => number;
}

export interface EventDispatcher {
  start(): void;
  stop(): Promise<void>;
  /** Something was recorded: look now rather than at the next poll. */
  nudge(): void;
  /** Deliver everything due now (one pass per batch until none is due); returns how many were attempted. */
  drain(): Promise<number>;
}

/** Exponential backoff with jitter (half to full delay), capped. */
export function retryDelayMs(
  attempt: number,
  options: { baseDelayMs: number; maxDelayMs: number; random: () => number },
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + options.random() / 2));
}

/**
 * Delivers lead events from the durable outbox to their sinks, at least once: a delivery that
 * fails is retried with backoff until it succeeds or is dead-lettered, and survives restarts.
 */
export function createEventDispatcher(options: EventDispatcherOptions): EventDispatcher {
  const pollMs = options.pollMs ?? 1000;
  const maxAttempts = options.maxAttempts ?? 12;
  const backoff = {
    baseDelayMs: options.baseDelayMs ?? 2000,
    maxDelayMs: options.maxDelayMs ?? 15 * 60_000,
    random: options.random ?? Math.random,
  };
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 20;

  async function passOnce(): Promise<number> {
    const now = options.clock.now();
    const claimed = await options.outbox.claimDue(now, batchSize, leaseMs);
    await Promise.all(
      claimed.map(async (delivery) => {
        const sink = options.sinks.get(delivery.target);
        if (!sink) return;
        try {
          await sink.publish(delivery.event);
          await options.outbox.markDelivered(delivery.deliveryId, options.clock.now());
        } catch (error) {
          const attempt = delivery.attempts + 1;
          const giveUp = attempt >= maxAttempts;
          const retryAt = giveUp
            ? null
            : new Date(options.clock.now().getTime() + retryDelayMs(attempt, backoff));
          await options.outbox.markFailed(
            delivery.deliveryId,
            (error as Error).message ?? String(error),
            retryAt,
          );
          options.logger.warn(
            {
              code: giveUp ? "EVENT_DEAD_LETTERED" : "EVENT_DELIVERY_RETRY",
              target: delivery.target,
              eventId: delivery.event.id,
              attempt,
            },
            giveUp ? "lead event delivery gave up" : "lead event delivery failed; will retry",
          );
        }
      }),
    );
    return claimed.length;
  }

  async function drainLoop(): Promise<number> {
    let total = 0;
    for (;;) {
      const attempted = await passOnce();
      total += attempted;
      if (attempted === 0) return total;
    }
  }

  const loop = createPollLoop({
    pass: drainLoop,
    pollMs,
    onError: (error) =>
      options.logger.error(
        { code: "EVENT_DISPATCH_FAILED", error: (error as Error).message },
        "event dispatch pass failed",
      ),
  });

  return {
    start: () => loop.start(),
    stop: () => loop.stop(),
    nudge: () => loop.nudge(),
    async drain() {
      await loop.settled();
      return loop.run();
    },
  };
}

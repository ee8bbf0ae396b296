import { createPollLoop, type PollLoop } from "./poll-loop.js";
import type { Logger } from "./ports.js";

/**
 * The running jobs of one queue instance, at most `concurrency` at once. A job is started
 * without waiting for it; when it ends, the loop is nudged to fill the freed slot at once.
 * Both job queue adapters (table-backed and pg-boss) share it.
 */
export interface JobSlots {
  /** How many more jobs may start now. */
  room(): number;
  start(jobId: unknown, work: () => Promise<void>): void;
  /** Resolves when every running job has ended. */
  settled(): Promise<void>;
  /** Runs passes until nothing is due and nothing is running; returns how many jobs were taken. */
  drain(loop: PollLoop): Promise<number>;
}

export function createJobSlots(options: {
  concurrency: number;
  logger: Logger;
  onFree: () => void;
}): JobSlots {
  const active = new Set<Promise<void>>();
  // A job that ends may let another start (the next job of its group): a pass that overlapped
  // its end may have missed that one.
  let ended = 0;
  const settled = async () => {
    await Promise.all([...active]);
  };
  return {
    room: () => options.concurrency - active.size,
    start(jobId, work) {
      const running: Promise<void> = work()
        .catch((error) =>
          options.logger.error(
            { code: "JOB_FINISH_FAILED", jobId, error: (error as Error).message },
            "job not recorded",
          ),
        )
        .finally(() => {
          ended++;
          active.delete(running);
          options.onFree();
        });
      active.add(running);
    },
    settled,
    async drain(loop) {
      let total = 0;
      for (;;) {
        await loop.settled();
        const endedBefore = ended;
        const claimed = await loop.run();
        total += claimed;
        if (active.size > 0) await settled();
        else if (claimed === 0 && ended === endedBefore) return total;
      }
    },
  };
}

/** The poll loop both job queues fill their slots from; a failed pass is logged and retried. */
export function createJobPollLoop(fill: () => Promise<number>, pollMs: number, logger: Logger): PollLoop {
  return createPollLoop({
    pass: fill,
    pollMs,
    onError: (error) => {
      logger.error({ code: "JOB_PASS_FAILED", error: (error as Error).message }, "job queue pass failed");
    },
  });
}
